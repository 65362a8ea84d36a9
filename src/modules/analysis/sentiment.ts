import {
  INTENSIFIERS,
  INTENSITY_FACTOR,
  NEGATED_NEGATIVE_FACTOR,
  NEGATED_POSITIVE_FACTOR,
  PRICE_MOVES,
  PRICE_MOVES_CAP,
  SENTIMENT_TERMS,
} from './lexicon/sentiment.ts';
import { findNegations, withContractionsAsNot } from './negation.ts';
import { createPhraseMatcher } from './phraseMatcher.ts';
import type { Sentiment } from './types.ts';
import { splitWords } from './splitWords.ts';

/** Raw weight that maps to a score of about ±0.76; keeps one strong word from saturating the scale. */
const SCALE = 4;
/** |score| below this is neutral. */
const SENTIMENT_NEUTRAL_BAND = 0.2;
/** Headlines carry the gist of the story; their words count more. */
const TITLE_WEIGHT = 1.5;

const terms = createPhraseMatcher(SENTIMENT_TERMS);
const intensifiers = new Set(INTENSIFIERS);

function priceMoves(text: string): number {
  let total = 0;
  for (const [pattern, weight] of PRICE_MOVES) total += (text.match(pattern)?.length ?? 0) * weight;
  return Math.max(-PRICE_MOVES_CAP, Math.min(PRICE_MOVES_CAP, total));
}

/** Sum of term weights in one piece of text, with intensifiers, negation and price figures applied. */
function sentimentWeight(text: string): number {
  const words = withContractionsAsNot(splitWords(text));
  const negations = findNegations(words);
  let total = priceMoves(text);
  for (const term of terms.match(words)) {
    const before = words[term.from - 1];
    const weight = term.value * (before && intensifiers.has(before.lower) ? INTENSITY_FACTOR : 1);
    if (!negations.covers(term.from)) total += weight;
    else total += weight * (weight > 0 ? NEGATED_POSITIVE_FACTOR : NEGATED_NEGATIVE_FACTOR);
  }
  return total;
}

export function labelFor(score: number): Sentiment['label'] {
  if (score >= SENTIMENT_NEUTRAL_BAND) return 'bullish';
  if (score <= -SENTIMENT_NEUTRAL_BAND) return 'bearish';
  return 'neutral';
}

/**
 * `prior` is what the event alone says (a listing is good news, a hack bad),
 * added to what the words say; pass 0 when the event itself is denied.
 */
export function scoreSentiment(title: string | undefined, text: string, prior = 0): Sentiment {
  const raw = prior + (title ? sentimentWeight(title) * TITLE_WEIGHT : 0) + sentimentWeight(text);
  const score = Math.round(Math.tanh(raw / SCALE) * 1000) / 1000;
  return { label: labelFor(score), score };
}
