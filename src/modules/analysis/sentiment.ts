import {
  INTENSIFIERS,
  INTENSITY_FACTOR,
  NEGATED_NEGATIVE_FACTOR,
  NEGATED_POSITIVE_FACTOR,
  PRICE_MOVES,
  PRICE_MOVES_CAP,
  SENTIMENT_TERMS,
} from './lexicon/sentiment.ts';
import {
  FLAT_FACTOR,
  RECOVERED_FACTOR,
  RECOVERY_WEIGHT,
  RELIEF_WEIGHT,
  STATED_MOVE_BONUS,
} from './lexicon/sentimentRules.ts';
import { MEASURE_LOOK_BACK, measureBefore } from './measures.ts';
import type { Negations } from './negation.ts';
import { createPhraseMatcher, type PhraseMatch } from './phraseMatcher.ts';
import { readSentimentContext, type SentimentContext } from './sentimentContext.ts';
import type { Sentiment } from './types.ts';
import type { Word } from './splitWords.ts';
import { type PostPiece, readPieces } from './postPieces.ts';

/** Raw weight that maps to a score of about ±0.76; keeps one strong word from saturating the scale. */
const SCALE = 4;
/** |score| below this is neutral. */
const SENTIMENT_NEUTRAL_BAND = 0.2;
/** Headlines carry the gist of the story; their words count more. */
const TITLE_WEIGHT = 1.5;

const terms = createPhraseMatcher(SENTIMENT_TERMS);
const intensifiers = new Set(INTENSIFIERS);

/** The price figures a text states ("up 12%", "-7%"), not those of another measure ("TVL up 25%"). */
function priceMoves(text: string): number {
  let total = 0;
  for (const [pattern, weight] of PRICE_MOVES)
    for (const match of text.matchAll(pattern))
      if (measureBefore(text.slice(Math.max(0, match.index - MEASURE_LOOK_BACK), match.index)) === undefined)
        total += weight;
  return Math.max(-PRICE_MOVES_CAP, Math.min(PRICE_MOVES_CAP, total));
}

/**
 * The weight of one term where it stands: intensified, turned round when it
 * moves a macro quantity, stronger when stated with a figure, flipped by a
 * negator, and scaled by its clause (hedged, conceded, before or after a
 * turn). A lifted burden and the verb lifting it weigh nothing here: the
 * relief itself is counted once, by reliefWeight. An amount frozen ("froze $20M") is funds held back, not a
 * market halted: its freeze weighs nothing either, nor does the "settle" of a settlement that costs an amount.
 */
function termWeight(
  term: PhraseMatch<number>,
  words: Word[],
  context: SentimentContext,
  negated: boolean,
  stated: boolean,
): number {
  const { from } = term;
  if (
    context.lifts(from) ||
    (context.isBurden(from, term.to) && context.relieved(from)) ||
    context.freezesAmount(from) ||
    context.settlesForAmount(from)
  )
    return 0;
  const before = words[from - 1];
  let weight = term.value * (before && intensifiers.has(before.lower) ? INTENSITY_FACTOR : 1);
  if (context.isMeasureMove(from)) return 0;
  if (context.isMacroMove(from)) weight = -weight;
  else if (stated) weight += Math.sign(weight) * STATED_MOVE_BONUS;
  if (negated) weight *= weight > 0 ? NEGATED_POSITIVE_FACTOR : NEGATED_NEGATIVE_FACTOR;
  return weight * context.factor(from);
}

/** Good news from burdens lifted: charges dropped, an unlock delayed (and bad news when that is denied). */
function reliefWeight(words: Word[], context: SentimentContext, negations: Negations): number {
  let weight = 0;
  words.forEach((_, i) => {
    if (!context.lifts(i)) return;
    weight += RELIEF_WEIGHT * (negations.covers(i) ? NEGATED_POSITIVE_FACTOR : 1) * context.factor(i);
  });
  return weight;
}

interface Reading {
  weight: number;
  /** What theft words weigh, apart: little when the post says the funds came back. */
  theft: number;
  /** Says the market did not react, and states no move in figures. */
  flat: boolean;
  recovered: boolean;
}

/** The terms of one piece of text, weighed by termWeight, with price figures. */
function readSentiment({ text, words, negations }: PostPiece): Reading {
  const context = readSentimentContext(text, words);
  let weight = priceMoves(text) + reliefWeight(words, context, negations);
  let theft = 0;
  let statedMove = false;
  for (const term of terms.match(words)) {
    const stated = context.isStatedMove(term.from);
    const termed = termWeight(term, words, context, negations.covers(term.from), stated);
    if (context.isTheft(term.from)) theft += termed;
    else weight += termed;
    statedMove ||= stated;
  }
  return { weight, theft, flat: context.flat && !statedMove, recovered: context.recovered };
}

export function labelFor(score: number): Sentiment['label'] {
  if (score >= SENTIMENT_NEUTRAL_BAND) return 'bullish';
  if (score <= -SENTIMENT_NEUTRAL_BAND) return 'bearish';
  return 'neutral';
}

/** What the event classifier found, as sentiment uses it. */
export interface EventReading {
  /** What the event alone says (a listing is good news, a hack bad), added to what the words say. */
  prior?: number;
  /** The text denies the event ("Binance will not delist…"): only the words count, not what the event would say. */
  denied?: boolean;
}

export function scoreSentiment(
  title: string | undefined,
  text: string,
  { prior: eventPrior = 0, denied = false }: EventReading = {},
  pieces = readPieces({ title, text }),
): Sentiment {
  const prior = denied ? 0 : eventPrior;
  const headline = pieces.title ? readSentiment(pieces.title) : undefined;
  const body = readSentiment(pieces.text);
  const recovered = headline?.recovered || body.recovered;
  const theft = ((headline?.theft ?? 0) * TITLE_WEIGHT + body.theft) * (recovered ? RECOVERED_FACTOR : 1);
  // Funds that came back undo the loss an event prior assumes, and are good news themselves.
  const start = recovered ? Math.max(0, prior) + RECOVERY_WEIGHT : prior;
  const stated = start + (headline?.weight ?? 0) * TITLE_WEIGHT + body.weight + theft;
  // A post that says the market shrugged the news off is weak news, whatever its words.
  const raw = headline?.flat || body.flat ? stated * FLAT_FACTOR : stated;
  const score = Math.round(Math.tanh(raw / SCALE) * 1000) / 1000;
  return { label: labelFor(score), score };
}
