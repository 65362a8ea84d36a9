import {
  EVENT_CUES,
  EVENT_MIN_WEIGHT,
  EXCHANGE_ACTOR_BOOST,
  EXCHANGE_ACTOR_REACH,
  EXCHANGE_SOURCE_BOOST,
  PAIRED_NAMES,
  PAIRED_NAMES_WEIGHT,
  OTHER_SENSES,
} from './lexicon/events.ts';
import { createPhraseMatcher } from './phraseMatcher.ts';
import { EVENT_TYPES, type AnalysisInput, type EventType } from './types.ts';
import type { Word } from './splitWords.ts';
import { type PostPiece, type PostPieces, readPieces } from './postPieces.ts';
import { isExchangeName } from './venue.ts';

/**
 * Classifies what happened. Negation does not change the event: "Binance
 * denies plans to delist X" is still about a delisting, but the event is
 * marked `denied` so sentiment does not read it as bad news.
 */

export interface EventClassification {
  type: EventType;
  /** Most of the evidence for the type sits under a negator ("no hack", "will not list"). */
  denied: boolean;
  /** Where the type's cues begin (character offsets), in the title and in the text: the words that say what happened. */
  cuesAt: { title: number[]; text: number[] };
}

const TITLE_WEIGHT = 1.5;
/** The same cue repeated adds evidence, but the third "airdrop" says nothing new. */
const MAX_COUNTED_REPEATS = 2;
/** "$20M", "€1.5bn", "300M": amounts read as one word so cues can say "raises <money>". */
export const MONEY_WORD = /^(?:[$€£]\d[\d,.]*(?:k|m|mn|b|bn)?|\d[\d,.]*(?:m|mn|b|bn))$/i;

const cues = createPhraseMatcher(
  Object.entries(EVENT_CUES).flatMap(([type, entries]) =>
    entries.map(([phrase, weight]) => [phrase, { type: type as EventType, phrase, weight }] as const),
  ),
);

const senseContexts = createPhraseMatcher(
  OTHER_SENSES.flatMap((sense) => sense.context.map((phrase) => [phrase, sense] as const)),
);
const rereadCues = new Set(OTHER_SENSES.flatMap((sense) => [...sense.cues]));
const NO_CUES: ReadonlySet<string> = new Set();

/**
 * The cue phrases that mean something else in the sentence of word `at`, for the kinds of story that sentence
 * speaks of: "Open interest hits a record; longs pay 0.05% in funding" is the rate, while in "Perps exchange Aevo
 * lands funding. Its perps…" the round sentence is left alone.
 */
function otherSensesBySentence(words: readonly Word[]): (at: number) => ReadonlySet<string> {
  const sentenceOf: number[] = [];
  let sentence = 0;
  for (const word of words) {
    sentenceOf.push(sentence);
    if (word.sentenceEndAfter) sentence++;
  }
  const cuesIn = new Map<number, Set<string>>();
  for (const { value, from } of senseContexts.match(words)) {
    const cues = cuesIn.get(sentenceOf[from]!) ?? new Set<string>();
    for (const cue of value.cues) cues.add(cue);
    cuesIn.set(sentenceOf[from]!, cues);
  }
  return (at) => cuesIn.get(sentenceOf[at]!) ?? NO_CUES;
}

interface Evidence {
  weight: number;
  negated: number;
  /** Offsets of the counted cues, in the title and in the text. */
  at: { title: number[]; text: number[] };
}

const noEvidence = (): Evidence => ({ weight: 0, negated: 0, at: { title: [], text: [] } });

function withMoney(words: Word[]): Word[] {
  return words.map((w) => (MONEY_WORD.test(w.raw) ? { ...w, lower: '<money>' } : w));
}

/** Is an exchange named a few words before word `index`, in its clause: the one acting ("Coinbase adds…")? */
function afterExchange(words: readonly Word[], index: number): boolean {
  for (let k = index - 1; k >= 0 && index - k <= EXCHANGE_ACTOR_REACH && !words[k]!.boundaryAfter; k--)
    if (isExchangeName(words[k]!)) return true;
  return false;
}

function addCues(evidence: Map<EventType, Evidence>, piece: PostPiece, where: 'title' | 'text', factor: number): void {
  const words = withMoney(piece.words);
  const { negations } = piece;
  const seen = new Map<string, number>();
  // Looked for only when a cue that may mean something else is met.
  let otherSenses: ((at: number) => ReadonlySet<string>) | undefined;
  const meansElse = (phrase: string, at: number) => {
    if (!rereadCues.has(phrase)) return false;
    otherSenses ??= otherSensesBySentence(piece.words);
    return otherSenses(at).has(phrase);
  };
  for (const { value, from } of cues.match(words)) {
    const repeats = seen.get(value.phrase) ?? 0;
    if (value.weight === 0 || repeats >= MAX_COUNTED_REPEATS || meansElse(value.phrase, from)) continue;
    seen.set(value.phrase, repeats + 1);
    const current = evidence.get(value.type) ?? noEvidence();
    const actor = EXCHANGE_ACTOR_BOOST[value.type];
    const weight = value.weight * factor * (actor && afterExchange(words, from) ? actor : 1);
    current.weight += weight;
    if (negations.covers(from)) current.negated += weight;
    current.at[where].push(words[from]!.start);
    evidence.set(value.type, current);
  }
}

/** Weight of evidence for each event type (types without cues are absent). */
function eventEvidence(input: AnalysisInput, pieces: PostPieces): Map<EventType, Evidence> {
  const evidence = new Map<EventType, Evidence>();
  if (pieces.title) addCues(evidence, pieces.title, 'title', TITLE_WEIGHT);
  addCues(evidence, pieces.text, 'text', 1);
  if (PAIRED_NAMES.test(input.title ?? input.text)) {
    const found = evidence.get('partnership') ?? noEvidence();
    evidence.set('partnership', { ...found, weight: found.weight + PAIRED_NAMES_WEIGHT * TITLE_WEIGHT });
  }
  if (input.source?.kind === 'exchange') {
    for (const [type, boost] of Object.entries(EXCHANGE_SOURCE_BOOST)) {
      const found = evidence.get(type as EventType);
      if (found)
        evidence.set(type as EventType, { ...found, weight: found.weight * boost, negated: found.negated * boost });
    }
  }
  return evidence;
}

/** The best-supported type; ties go to the one listed first in EVENT_TYPES. */
export function classifyEvent(input: AnalysisInput, pieces = readPieces(input)): EventClassification {
  const evidence = eventEvidence(input, pieces);
  let best: EventClassification = { type: 'other', denied: false, cuesAt: { title: [], text: [] } };
  let bestWeight = 0;
  for (const type of EVENT_TYPES) {
    const found = evidence.get(type);
    if (!found || found.weight < EVENT_MIN_WEIGHT || found.weight <= bestWeight) continue;
    best = { type, denied: found.negated * 2 > found.weight, cuesAt: found.at };
    bestWeight = found.weight;
  }
  return best;
}
