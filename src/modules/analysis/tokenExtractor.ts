import type { TokenRecord } from '../tokens/index.ts';
import { findAddresses } from './addresses.ts';
import { QUOTE_ASSETS } from './lexicon/tokenContext.ts';
import { CONFIDENCE, type FoundToken, Mentions } from './mentions.ts';
import { gatherEvidence } from './tokenEvidence.ts';
import type { TokenLookup } from './tokenLookup.ts';
import { findNames } from './tokenNames.ts';
import { findTickers } from './tokenTickers.ts';
import type { TokenMention } from './types.ts';
import { splitWords, type Word } from './splitWords.ts';

/**
 * Finds the tokens a text is about. Strong forms first (contract addresses,
 * cashtags, trading pairs, "Name (TICKER)"), then names, then bare tickers;
 * each word is claimed once, so "Bitcoin Cash" is not also Bitcoin and the
 * USDT of "ONE/USDT" is not a mention of its own, nor that of "XYZ/USDT"
 * when the registry does not know XYZ (a newly listed coin, most often).
 */

const quotes = QUOTE_ASSETS.join('|');
const PAIR = new RegExp(
  `(?<![\\w$])\\$?([A-Z0-9]{2,10})\\s?[/_-]\\s?(?:${quotes})\\b|\\b([A-Z0-9]{2,10}?)(?:${quotes})\\b`,
  'g',
);
/** "TRC20-USDT", "SPL-USDC": a token standard before a quote asset names it on a network, not a pair's base. */
const TOKEN_STANDARD = /^(?:ERC|BEP|TRC|SPL|BRC|SRC)\d*$/;
const PARENTHESISED = /\(\$?([A-Za-z0-9]{2,10})\)/g;
function wordsIn(words: readonly Word[], start: number, end: number): number[] {
  const indexes: number[] = [];
  words.forEach((word, i) => {
    if (word.start < end && word.end > start) indexes.push(i);
  });
  return indexes;
}

/**
 * The words of a pair's quote side ("USDT" of "XYZ/USDT", "XYZ-USDT") when its base is no record but reads as a
 * coin's ticker: written apart and tight, with a letter, no abbreviation, English or one- or two-letter word
 * (tickerRisk) and no token standard. Else none: "SEC - USDT issuer" is prose, "TRC20-USDT" is USDT.
 */
function unknownBaseQuote(match: RegExpExecArray, words: readonly Word[], lookup: TokenLookup): number[] {
  const base = match[1];
  if (base === undefined || /\s/.test(match[0]) || !/[A-Z]/.test(base) || TOKEN_STANDARD.test(base)) return [];
  if (lookup.tickerRisk(base) !== 'plain') return [];
  const quoteStart = match.index + match[0].indexOf(base) + base.length;
  return wordsIn(words, quoteStart, match.index + match[0].length);
}

/** Does the text right before `end` spell the record's name ("Thena (THE)", "Harmony One (ONE)")? */
function nameEndsAt(text: string, end: number, record: TokenRecord): boolean {
  const before = text
    .slice(Math.max(0, end - record.name.length - 2), end)
    .trimEnd()
    .toLowerCase();
  return before.endsWith(record.name.toLowerCase());
}

/** Every token the text names, each with where it names it, in order of first appearance. */
export function findTokens(text: string, lookup: TokenLookup, words = splitWords(text)): FoundToken[] {
  const evidence = gatherEvidence(text, words);
  const claimed = new Set<number>();
  const mentions = new Mentions();
  const claim = (indexes: number[]) => {
    for (const i of indexes) claimed.add(i);
  };

  for (const found of findAddresses(text)) {
    mentions.add(lookup.byAddress(found.address), CONFIDENCE.address, found.start);
    claim(wordsIn(words, found.start, found.start + found.address.length));
  }
  words.forEach((word, i) => {
    if (
      !claimed.has(i) &&
      /^\$[A-Za-z0-9]*[A-Za-z]/.test(word.raw) &&
      mentions.add(lookup.bySymbol(word.raw), CONFIDENCE.cashtag, word.start)
    )
      claimed.add(i);
  });
  for (const match of text.matchAll(PAIR)) {
    const base = match[1] ?? match[2]!;
    const indexes = wordsIn(words, match.index, match.index + match[0].length).filter((i) => !claimed.has(i));
    if (indexes.length === 0) continue;
    if (mentions.add(lookup.bySymbol(base), CONFIDENCE.pair, match.index)) claim(indexes);
    else claim(unknownBaseQuote(match, words, lookup));
  }
  for (const match of text.matchAll(PARENTHESISED)) {
    const record = lookup.bySymbol(match[1]!);
    const [index] = wordsIn(words, match.index + 1, match.index + match[0].length - 1);
    if (!record || index === undefined || claimed.has(index)) continue;
    const named = nameEndsAt(text, match.index, record);
    const written = words[index]!.raw.replace(/^\$/, '');
    if (!named && (written !== written.toUpperCase() || lookup.tickerRisk(written) !== 'plain')) continue;
    mentions.add(record, named ? CONFIDENCE.namedTicker : CONFIDENCE.parenthesisedTicker, match.index);
    claimed.add(index);
  }
  findNames(words, evidence, lookup, claimed, mentions);
  findTickers(words, evidence, lookup, claimed, mentions);
  return mentions.inOrder();
}

export function extractTokens(text: string, lookup: TokenLookup): TokenMention[] {
  return findTokens(text, lookup).map((found) => found.mention);
}
