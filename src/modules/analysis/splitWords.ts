/**
 * Splits text into words for the lexicon matchers. Hyphens and slashes split
 * words ("sell-off" → sell, off) so lexicon phrases are written with spaces.
 * Clause boundaries are kept as a flag so negation does not leak across
 * "No hack, but the bridge was drained".
 */

export interface Word {
  /** As written, e.g. "ONE", "$BTC", "Ethereum". */
  raw: string;
  /** Lower-case, without a leading `$` or a trailing possessive. */
  lower: string;
  start: number;
  end: number;
  /** True when a clause ends after this word (punctuation, a line break, or "but"/"however" next). */
  boundaryAfter: boolean;
  /** True when a sentence ends after this word (".", "!", "?" or a line break, or the text ends). */
  sentenceEndAfter: boolean;
  /** Written with a possessive "'s" (dropped from raw): "Ethena's USDe" is two names, not one. */
  possessive: boolean;
}

const WORD = /\$?[\p{L}\p{N}][\p{L}\p{N}'’._]*/gu;
const CLAUSE_PUNCTUATION = /[.,;:!?—–()\n|]|\s-\s/;
const SENTENCE_PUNCTUATION = /[.!?\n]/;
const CLAUSE_WORDS = new Set(['but', 'however', 'although', 'though', 'while', 'whereas', 'yet']);
const APOSTROPHES = "'’";

const isPossessive = (raw: string) =>
  raw.length > 1 && raw.endsWith('s') && APOSTROPHES.includes(raw.charAt(raw.length - 2));

/** Without a trailing possessive, then without trailing stops, apostrophes and underscores. */
function trimTrailing(raw: string): string {
  let end = isPossessive(raw) ? raw.length - 2 : raw.length;
  while (end > 0 && ".'’_".includes(raw.charAt(end - 1))) end--;
  return raw.slice(0, end);
}

export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = trimTrailing(match[0]);
    if (!raw || raw === '$') continue;
    const start = match.index;
    words.push({
      raw,
      lower: (raw.startsWith('$') ? raw.slice(1) : raw).toLowerCase(),
      start,
      end: start + raw.length,
      boundaryAfter: false,
      sentenceEndAfter: false,
      possessive: isPossessive(match[0]),
    });
  }
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1];
    const gap = text.slice(words[i]!.end, next?.start ?? text.length);
    words[i]!.boundaryAfter = !next || CLAUSE_PUNCTUATION.test(gap) || CLAUSE_WORDS.has(next.lower);
    words[i]!.sentenceEndAfter = !next || SENTENCE_PUNCTUATION.test(gap);
  }
  return words;
}
