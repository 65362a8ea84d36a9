import {
  ADVERSATIVES,
  AFTER_TURN_FACTOR,
  BEFORE_TURN_FACTOR,
  BURDENS,
  CONCEDED_FACTOR,
  CONCESSIVES,
  FLAT_CUES,
  FREEZE_VERBS,
  HEDGE_FACTOR,
  HEDGES,
  MACRO_QUANTITIES,
  MACRO_REACH,
  MOVE_WORDS,
  RECOVERY_CUES,
  RELIEF_REACH,
  RELIEF_REACH_BACK,
  RELIEF_VERBS,
  SETTLE_VERBS,
  SETTLEMENT_AMOUNT_REACH,
  STATED_MOVE_REACH,
  THEFT_WORDS,
} from './lexicon/sentimentRules.ts';
import { MONEY_WORD } from './events.ts';
import { MEASURE_LOOK_BACK, measureBefore } from './measures.ts';
import { createPhraseMatcher, createWordTest } from './phraseMatcher.ts';
import type { Word } from './splitWords.ts';

/**
 * How the words around a sentiment term change what it says:
 * - a hedge makes the rest of its clause a possibility ("may push BTC lower"): it counts half;
 * - a turn ("but", "however") makes what follows the point of its sentence and what precedes
 *   it less so; a concession ("despite", "although") makes its own clause matter less;
 * - a relief verb lifts a burden next to it in its clause: to drop charges, dismiss a suit or
 *   delay an unlock is good news ("charges were dropped" too), and the verb itself then says
 *   nothing of prices ("drops" is no fall);
 * - theft weighs little in a story of funds returned ("hacker returns $10M");
 * - a move whose subject is a macro quantity reads the other way ("yields climb", "dollar falls");
 * - a move stated with a figure ("rose 11%") is the market's own verdict;
 * - a move of a measure other than the price ("fees drop 40%", "TVL up 25%") is no price move, and says nothing;
 * - a text that says the market did not move ("BNB was little changed") is weak either way.
 */

export interface SentimentContext {
  /** How much a term starting at word `index` counts: hedges, turns and concessions applied. */
  factor(index: number): number;
  /** A burden at `index` that a relief verb next to it in its clause lifts. */
  relieved(index: number): boolean;
  /** A relief verb at `index` that lifts a burden next to it. */
  lifts(index: number): boolean;
  /** A move at `index` whose subject is a macro quantity. */
  isMacroMove(index: number): boolean;
  /** A move at `index` of a measure other than the price ("fees drop", "TVL climbs"): see measureBefore. */
  isMeasureMove(index: number): boolean;
  /** A move at `index` followed by its figure. */
  isStatedMove(index: number): boolean;
  /** Does the term on words `from`..`to` name a burden, or theft? */
  isBurden(from: number, to: number): boolean;
  isTheft(index: number): boolean;
  /** A freeze at `index` of the amount that follows it ("froze $20 million"): funds held back, no market halted. */
  freezesAmount(index: number): boolean;
  /** A settlement at `index` that costs an amount ("settles for $4.3B"): a penalty paid as much as a case closed. */
  settlesForAmount(index: number): boolean;
  /** The text says the market did not react. */
  flat: boolean;
  /** The text says stolen funds came back, or an amount was frozen. */
  recovered: boolean;
}

const HEDGE_REACH = 6;
const isHedge = createWordTest(HEDGES);
const isRelief = createWordTest(RELIEF_VERBS);
const isBurdenWord = createWordTest(BURDENS);
const isMoveWord = createWordTest(MOVE_WORDS);
const isTheftWord = createWordTest(THEFT_WORDS);
const isFreezeWord = createWordTest(FREEZE_VERBS);
const isSettleWord = createWordTest(SETTLE_VERBS);
const macroQuantities = new Set(MACRO_QUANTITIES);
const adversatives = new Set(ADVERSATIVES);
const concessives = new Set(CONCESSIVES);
/** Flat-market and recovery cues, found in one pass. */
const cues = createPhraseMatcher([
  ...FLAT_CUES.map((cue) => [cue, 'flat'] as const),
  ...RECOVERY_CUES.map((cue) => [cue, 'recovery'] as const),
]);
/** A percentage starting right where a word starts (sticky: no copy of the text). */
const FIGURE = /[+\-−]?\d[\d.,]*\s?%/y;

function clauseFactors(words: readonly Word[]): number[] {
  const factors = words.map(() => 1);
  for (let from = 0; from < words.length; ) {
    let to = from;
    while (to < words.length - 1 && !words[to]!.sentenceEndAfter) to++;
    // The sentence's first turn ("not yet" is none) splits it in two.
    for (let turn = from + 1; turn <= to; turn++) {
      if (!adversatives.has(words[turn]!.lower) || words[turn - 1]!.lower === 'not') continue;
      for (let i = from; i <= to; i++) factors[i]! *= i < turn ? BEFORE_TURN_FACTOR : AFTER_TURN_FACTOR;
      break;
    }
    from = to + 1;
  }
  words.forEach((word, i) => {
    const concedes = concessives.has(word.lower) || (word.lower === 'even' && words[i + 1]?.lower === 'as');
    const hedges = !concedes && isHedge(word.lower);
    if (!concedes && !hedges) return;
    for (let k = i + 1; k < words.length && (concedes || k - i <= HEDGE_REACH); k++) {
      factors[k]! *= concedes ? CONCEDED_FACTOR : HEDGE_FACTOR;
      if (words[k]!.boundaryAfter) break;
    }
  });
  return factors;
}

/** A relief verb that looks back at its burden: a participle ("dropped") or the last word of its clause ("ends"). */
function isPassiveRelief(words: readonly Word[], index: number): boolean {
  const word = words[index]!;
  return isRelief(word.lower) && (/(?:ed|en)$/.test(word.lower) || word.boundaryAfter);
}

/** Is one of the `reach` words before `index`, in its clause, a word for which `test` holds? */
function before(words: readonly Word[], index: number, reach: number, test: (at: number) => boolean): boolean {
  for (let k = index - 1; k >= 0 && index - k <= reach && !words[k]!.boundaryAfter; k--) if (test(k)) return true;
  return false;
}

/** ...one of the `reach` words after `index`, in its clause? */
function after(words: readonly Word[], index: number, reach: number, test: (at: number) => boolean): boolean {
  for (let k = index + 1; k < words.length && k - index <= reach && !words[k - 1]!.boundaryAfter; k++)
    if (test(k)) return true;
  return false;
}

export function readSentimentContext(text: string, words: readonly Word[]): SentimentContext {
  const factors = clauseFactors(words);
  const at = (test: (word: string) => boolean) => (index: number) => test(words[index]!.lower);
  const isMove = at(isMoveWord);
  const isReliefAt = at(isRelief);
  const isBurdenAt = at(isBurdenWord);
  const isMacroQuantity = at((word) => macroQuantities.has(word));
  const isPassive = (index: number) => isPassiveRelief(words, index);
  const found = new Set(cues.match(words).map((cue) => cue.value));
  // Money as the event cues read it ("$20M", "$20" of "$20 million"), not a count ("70 countries").
  const isAmount = (index: number) => MONEY_WORD.test(words[index]!.raw);
  const freezesAmount = (index: number) => isFreezeWord(words[index]!.lower) && after(words, index, 1, isAmount);
  return {
    factor: (index) => factors[index] ?? 1,
    relieved: (index) =>
      before(words, index, RELIEF_REACH, isReliefAt) || after(words, index, RELIEF_REACH_BACK, isPassive),
    lifts: (index) =>
      isReliefAt(index) &&
      (after(words, index, RELIEF_REACH, isBurdenAt) ||
        (isPassive(index) && before(words, index, RELIEF_REACH_BACK, isBurdenAt))),
    isMacroMove: (index) => isMove(index) && before(words, index, MACRO_REACH, isMacroQuantity),
    isMeasureMove: (index) => {
      const start = words[index]!.start;
      return isMove(index) && measureBefore(text.slice(Math.max(0, start - MEASURE_LOOK_BACK), start)) !== undefined;
    },
    isStatedMove(index) {
      if (!isMove(index)) return false;
      for (let k = index; k < words.length && k - index <= STATED_MOVE_REACH; k++) {
        FIGURE.lastIndex = words[k]!.start;
        if (FIGURE.test(text)) return true;
        if (words[k]!.boundaryAfter) break;
      }
      return false;
    },
    isBurden(from, to) {
      for (let k = from; k < to; k++) if (isBurdenAt(k)) return true;
      return false;
    },
    isTheft: at(isTheftWord),
    freezesAmount,
    settlesForAmount: (index) =>
      isSettleWord(words[index]!.lower) &&
      (before(words, index, SETTLEMENT_AMOUNT_REACH, isAmount) ||
        after(words, index, SETTLEMENT_AMOUNT_REACH, isAmount)),
    flat: found.has('flat'),
    recovered: found.has('recovery') || words.some((_, index) => freezesAmount(index)),
  };
}
