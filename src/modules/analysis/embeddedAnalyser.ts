import type { TokenRegistry } from '../tokens/index.ts';
import { headlineActor } from './actor.ts';
import { whatHappened, writeAnalysis } from './analysisText.ts';
import { classifyEvent } from './events.ts';
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
import type { Analyser } from './types.ts';
import { scoreValue } from './value.ts';
import { findVenue } from './venue.ts';

/** Where the headline (title, else first sentence) and the lead sentence end in `title\ntext`. */
function layoutOf(title: string | undefined, sentences: readonly Sentence[]): TextLayout {
  const [first, second] = sentences;
  if (title) return { headlineEnd: title.length, leadEnd: title.length + 1 + (first?.end ?? 0) };
  return { headlineEnd: first?.end ?? 0, leadEnd: second?.end ?? first?.end ?? 0 };
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
      const { subjects, mentions } = assignRoles(findTokens(fullText, lookup, words), fullText, words, layout, lookup);
      const pieces = readPieces(input);
      const event = classifyEvent(input, pieces);
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
        actor: subjects.length === 0 ? headlineActor(clean(input.title ?? sentences[0]?.text ?? '')) : undefined,
        venue:
          event.type === 'listing' || event.type === 'delisting' ? findVenue(input.source, words, subjects) : undefined,
        figures: findFigures(fullText),
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
