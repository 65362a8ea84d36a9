import type { TokenRegistry } from '../tokens/index.ts';
import { headlineActor } from './actor.ts';
import { whatHappened, writeAnalysis } from './analysisText.ts';
import { classifyEvent, type EventClassification } from './events.ts';
import { findFigures } from './figures.ts';
import { EVENT_SENTIMENT_PRIOR } from './lexicon/sentiment.ts';
import { type Sentence, splitSentences } from './sentences.ts';
import { scoreSentiment } from './sentiment.ts';
import { splitWords } from './splitWords.ts';
import { readPieces } from './postPieces.ts';
import { clean, summarise } from './summary.ts';
import { findTokens } from './tokenExtractor.ts';
import { createTokenLookup } from './tokenLookup.ts';
import { assignRoles, type TextLayout } from './tokenRoles.ts';
import { type Analyser, EVENT_TYPES, type EventType } from './types.ts';
import { scoreValue } from './value.ts';
import { findVenue } from './venue.ts';

/** Where the headline (title, else first sentence) and the lead sentence end in `title\ntext`. */
function layoutOf(title: string | undefined, sentences: readonly Sentence[]): TextLayout {
  const [first, second] = sentences;
  if (title) return { headlineEnd: title.length, leadEnd: title.length + 1 + (first?.end ?? 0) };
  return { headlineEnd: first?.end ?? 0, leadEnd: second?.end ?? first?.end ?? 0 };
}

/** Events that happen to a token (listed, hacked, unlocked…): a price move beside one is context. Macro news moves the market itself. */
const SUBJECT_EVENTS: ReadonlySet<EventType> = new Set(
  EVENT_TYPES.filter((type) => type !== 'macro' && type !== 'other'),
);

/**
 * Events whose cues sit beside the coin they happen to ("delist XYZ", "XYZ hacked", "XYZ unlocks"), not beside
 * who acts ("FINMA bans…", "a16z leads…"): a ticker there is the story's coin, known to the registry or not.
 */
const COIN_EVENTS: ReadonlySet<EventType> = new Set(['listing', 'delisting', 'hack', 'token_unlock', 'airdrop']);

/** The event's cue offsets in `title\ntext`. */
function cuesInFullText(title: string | undefined, cuesAt: EventClassification['cuesAt']): number[] {
  const textStart = title ? title.length + 1 : 0;
  return [...cuesAt.title, ...cuesAt.text.map((offset) => offset + textStart)];
}

/** The text with the spans blanked out, each character a space, so offsets still hold. */
function blanked(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + ' '.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

/**
 * The analyser that needs nothing but the token registry: lexicons and rules,
 * deterministic, no network and no model. Also the fallback of the LLM analyser.
 */
export function createEmbeddedAnalyser(registry: TokenRegistry): Analyser {
  const lookup = createTokenLookup(registry);
  return {
    kind: 'embedded',
    async analyse(input, context) {
      const fullText = input.title ? `${input.title}\n${input.text}` : input.text;
      const words = splitWords(fullText);
      const sentences = splitSentences(input.text);
      const layout = layoutOf(input.title, sentences);
      const pieces = readPieces(input);
      const event = classifyEvent(input, pieces);
      const { subjects, mentions, asides, coins } = assignRoles(
        findTokens(fullText, lookup, words),
        fullText,
        words,
        layout,
        lookup,
        SUBJECT_EVENTS.has(event.type) ? cuesInFullText(input.title, event.cuesAt) : [],
        COIN_EVENTS.has(event.type),
      );
      const sentiment = scoreSentiment(
        input.title,
        input.text,
        { prior: EVENT_SENTIMENT_PRIOR[event.type], denied: event.denied },
        pieces,
      );
      const ranks = new Map(subjects.map((t) => [t.symbol, lookup.bySymbol(t.symbol)?.rank]));
      const value = scoreValue({
        source: input.source,
        event: event.type,
        sentiment,
        tokens: subjects,
        ranks,
        novelty: context?.novelty,
      });
      const facts = {
        event: event.type,
        denied: event.denied,
        sentiment: sentiment.label,
        subjects,
        coins,
        actor:
          subjects.length === 0 && coins.length === 0
            ? headlineActor(clean(input.title ?? sentences[0]?.text ?? ''))
            : undefined,
        venue:
          event.type === 'listing' || event.type === 'delisting' ? findVenue(input.source, words, subjects) : undefined,
        figures: findFigures(asides.length ? blanked(fullText, asides) : fullText),
        market: context?.market,
      };
      return {
        tokens: subjects,
        mentions,
        sentiment,
        event: { type: event.type },
        value,
        summary: summarise(input.title, sentences, whatHappened(facts)),
        analysis: writeAnalysis(facts),
      };
    },
  };
}
