import { NAME_CONTEXT_WORDS, PRICE_FIGURE, TOKEN_CONTEXT_WORDS } from './lexicon/tokenContext.ts';
import { COMMON_WORDS } from './lexicon/commonWords.ts';
import { createPhraseMatcher, type PhraseMatcher } from './phraseMatcher.ts';
import type { Word } from './splitWords.ts';

/**
 * Facts about the text around a word that decide whether an ambiguous ticker
 * or name is a token: nearby trading vocabulary or a price figure in the same
 * sentence, where sentences start, and whether capitals carry meaning there.
 * In a shouted sentence ("BINANCE TO LIST THE…") capitals say nothing about
 * tickers; in a Title Case headline initial capitals say nothing about names.
 * A list of tickers ("FET -14%, TAO -11%") is capitals too, but not shouting:
 * shouting needs English words in capitals.
 */

/** How many words either side still count as "next to". */
const CONTEXT_REACH = 3;
/** A sentence with at least this share of capital letters, and this many English words in capitals, is shouting. */
const SHOUTING_SHARE = 0.7;
const SHOUTED_WORDS = 2;
/** A sentence of at least 4 words with this share of capitalised words is in Title Case. */
const TITLE_CASE_SHARE = 0.6;

const toMatcher = (phrases: readonly string[]) => createPhraseMatcher(phrases.map((phrase) => [phrase, true] as const));
const tokenContext = toMatcher(TOKEN_CONTEXT_WORDS);
const nameContext = toMatcher(NAME_CONTEXT_WORDS);

export interface TextEvidence {
  /** Trading vocabulary or a price figure near word `index`, same sentence (the word itself excluded). */
  hasTokenContext(index: number): boolean;
  /** "token", "coin", "price"… near word `index`, same sentence. */
  hasNameContext(index: number): boolean;
  isSentenceStart(index: number): boolean;
  isShouted(index: number): boolean;
  isTitleCase(index: number): boolean;
}

/** The share of a text's letters that are capitals. */
function capitalShare(text: string): number {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.replace(/[^\p{Lu}]/gu, '').length / Math.max(letters.length, 1);
}

function wordsMatching(matcher: PhraseMatcher<boolean>, words: readonly Word[]): Set<number> {
  const indexes = new Set<number>();
  for (const match of matcher.match(words)) for (let i = match.from; i < match.to; i++) indexes.add(i);
  return indexes;
}

/**
 * The evidence about a text's words, read when first asked for: only a name or an ambiguous ticker needs it,
 * and most short texts (a chat message) hold neither, while reading it runs two phrase matchers over every word.
 */
export function gatherEvidence(text: string, words: readonly Word[]): TextEvidence {
  let read: TextEvidence | undefined;
  const evidence = () => (read ??= readEvidence(text, words));
  return {
    hasTokenContext: (index) => evidence().hasTokenContext(index),
    hasNameContext: (index) => evidence().hasNameContext(index),
    isSentenceStart: (index) => evidence().isSentenceStart(index),
    isShouted: (index) => evidence().isShouted(index),
    isTitleCase: (index) => evidence().isTitleCase(index),
  };
}

function readEvidence(text: string, words: readonly Word[]): TextEvidence {
  const tokenContextWords = wordsMatching(tokenContext, words);
  const nameContextWords = wordsMatching(nameContext, words);
  const sentenceOf: number[] = [];
  const sentenceStarts: boolean[] = words.map((_, i) => i === 0 || words[i - 1]!.sentenceEndAfter);
  const shouted: boolean[] = [];
  const titleCase: boolean[] = [];
  for (let from = 0; from < words.length; ) {
    let to = from + 1;
    while (to < words.length && !sentenceStarts[to]) to++;
    const sentence = words.slice(from, to);
    const shoutedWords = sentence.filter((w) => w.raw === w.raw.toUpperCase() && COMMON_WORDS.has(w.lower)).length;
    // The share of capitals is counted only where enough words are shouted for it to matter (few sentences).
    const isShouting =
      shoutedWords >= SHOUTED_WORDS &&
      capitalShare(text.slice(words[from]!.start, words[to - 1]!.end)) >= SHOUTING_SHARE;
    const capitalised = sentence.filter((w) => /^\$?\p{Lu}/u.test(w.raw)).length;
    const isTitleCase = isShouting || (sentence.length >= 4 && capitalised / sentence.length >= TITLE_CASE_SHARE);
    for (let i = from; i < to; i++) {
      sentenceOf[i] = from;
      shouted[i] = isShouting;
      titleCase[i] = isTitleCase;
    }
    from = to;
  }

  /** Indexes within reach of `index` in its sentence. */
  const around = (index: number) => {
    const indexes: number[] = [];
    for (let i = Math.max(0, index - CONTEXT_REACH); i <= Math.min(words.length - 1, index + CONTEXT_REACH); i++) {
      if (i !== index && sentenceOf[i] === sentenceOf[index]) indexes.push(i);
    }
    return indexes;
  };

  return {
    hasTokenContext(index) {
      const near = around(index);
      if (near.some((i) => tokenContextWords.has(i))) return true;
      const from = Math.min(index, ...near);
      const to = Math.max(index, ...near);
      return PRICE_FIGURE.test(text.slice(words[from]!.start, words[to]!.end + 1));
    },
    hasNameContext: (index) => around(index).some((i) => nameContextWords.has(i)),
    isSentenceStart: (index) => sentenceStarts[index] ?? false,
    isShouted: (index) => shouted[index] ?? false,
    isTitleCase: (index) => titleCase[index] ?? false,
  };
}
