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

/** A word; a number's thousands separators stay inside it ("2,000 ETH" is one clause, not two). */
const WORD = /\$?[\p{L}\p{N}](?:[\p{L}\p{N}'’._]|(?<=\p{N}),(?=\p{N}{3}(?!\p{N})))*/gu;
/** Characters that end a sentence, and the further ones that end a clause; " - " ends a clause too. */
const SENTENCE_PUNCTUATION = '.!?\n';
const CLAUSE_PUNCTUATION = `${SENTENCE_PUNCTUATION},;:—–()|`;
const SPACE = /\s/;
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
    const word = words[i]!;
    const next = words[i + 1];
    if (!next) {
      word.boundaryAfter = word.sentenceEndAfter = true;
      break;
    }
    markGap(word, text, next.start);
    word.boundaryAfter ||= CLAUSE_WORDS.has(next.lower);
  }
  return words;
}

/** Marks the clause and sentence ends in the text between `word` and the next word, which starts at `to`. */
function markGap(word: Word, text: string, to: number) {
  // Read in place, character by character: most gaps are one space, and there are as many as words.
  for (let at = word.end; at < to; at++) {
    const char = text.charAt(at);
    if (SENTENCE_PUNCTUATION.includes(char)) {
      word.boundaryAfter = word.sentenceEndAfter = true;
      return;
    }
    if (
      CLAUSE_PUNCTUATION.includes(char) ||
      (char === '-' &&
        at > word.end &&
        at + 1 < to &&
        SPACE.test(text.charAt(at - 1)) &&
        SPACE.test(text.charAt(at + 1)))
    )
      word.boundaryAfter = true;
  }
}
