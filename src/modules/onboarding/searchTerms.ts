/** Words too common in English prose and these docs to tell sections apart. */
const STOPWORDS = new Set(
  (
    'a an and are as at be by can do does for from how i if in into is it its me my of on or so that the their then there these this to ' +
    'use used using was what when where which who why will with you your we our not no yes any all one also just than too very should could would'
  ).split(' '),
);

/** Folds plurals and -ing/-ed forms together ("tokens" ↔ "token", "seeding" ↔ "seed"), leaving short words alone. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The search terms of a text: lower case, letters and digits, stemmed, no stop words (before or after stemming). */
export function terms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((w) => w && !STOPWORDS.has(w))
    .map(stem)
    .filter((w) => !STOPWORDS.has(w)); // "uses" is "use" once stemmed
}
