import type { TokenRecord } from '../tokens/index.ts';
import { NAME_QUALIFIERS } from './lexicon/tokenContext.ts';
import { CONFIDENCE, type Mentions } from './mentions.ts';
import type { TextEvidence } from './tokenEvidence.ts';
import { isCommonWord, type TokenLookup } from './tokenLookup.ts';
import type { Word } from './splitWords.ts';

const MAX_NAME_WORDS = 4;

/**
 * Names, longest first. A name never runs across a clause break or a
 * possessive ("Ethena's USDe" is Ethena, then USDe), and a word the text
 * already uses as a ticker ("Gate to delist HarryPotterObamaSonic10Inu
 * (BITCOIN) … delist BITCOIN") or that is written as its own ticker ("GAS")
 * is left to the ticker rules.
 */
export function findNames(
  words: Word[],
  evidence: TextEvidence,
  lookup: TokenLookup,
  claimed: Set<number>,
  mentions: Mentions,
): void {
  for (let i = 0; i < words.length; i++) {
    if (!lookup.startsName(words[i]!.raw.toLowerCase())) continue;
    for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
      const span = words.slice(i, i + n);
      if (span.some((w, k) => claimed.has(i + k) || (k < n - 1 && (w.boundaryAfter || w.possessive)))) continue;
      if (n === 1 && span[0]!.raw === span[0]!.raw.toUpperCase() && mentions.has(span[0]!.raw)) continue;
      const record = lookup.byName(span.map((w) => w.raw).join(' '));
      if (!record) continue;
      // "GAS", "BNB" in capitals are tickers, and the ticker rules decide about them.
      if (n === 1 && span[0]!.raw === record.symbol) break;
      const confidence = nameConfidence(span, i, record, words, evidence);
      if (confidence === 0) continue;
      mentions.add(record, confidence, span[0]!.start);
      for (const k of span.keys()) claimed.add(i + k);
      i += n - 1;
      break;
    }
  }
}

/**
 * 0 when the words are better read as plain English ("Harmony between…",
 * "optimism about rates", "Coinbase Prime"). A name that is also an English
 * word counts when a qualifier follows ("Harmony Protocol"), when it is a big
 * asset capitalised mid-sentence ("…on Optimism"), or next to "token", "price"…
 */
function nameConfidence(span: Word[], at: number, record: TokenRecord, words: Word[], evidence: TextEvidence): number {
  const ranked = record.rank !== undefined;
  const base = ranked ? CONFIDENCE.rankedName : CONFIDENCE.name;
  const isCapitalised = (w: Word) => /^[\p{Lu}\d]/u.test(w.raw) || w.raw === record.name;
  if (span.length > 1) return span.every((w) => isCapitalised(w) || !isCommonWord(w.raw)) ? base : 0;
  const word = span[0]!;
  if (!isCommonWord(word.raw)) return isCapitalised(word) || ranked ? base : 0;
  if (!isCapitalised(word)) return 0;
  const previous = words[at - 1];
  const capitalsMeanName = !evidence.isTitleCase(at) && !evidence.isSentenceStart(at);
  if (capitalsMeanName && previous && !previous.boundaryAfter && /^\p{Lu}/u.test(previous.raw)) return 0;
  const next = words[at + 1];
  if (next && !word.boundaryAfter && NAME_QUALIFIERS.has(next.lower)) return base;
  if (ranked && capitalsMeanName) return CONFIDENCE.inContext;
  return evidence.hasNameContext(at) ? CONFIDENCE.inContext : 0;
}
