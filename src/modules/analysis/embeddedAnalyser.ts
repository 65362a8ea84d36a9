import type { TokenRegistry } from '../tokens/index.ts';
import { classifyEvent } from './events.ts';
import { EVENT_SENTIMENT_PRIOR } from './lexicon/sentiment.ts';
import { scoreSentiment } from './sentiment.ts';
import { summarise } from './summary.ts';
import { extractTokens } from './tokenExtractor.ts';
import { createTokenLookup } from './tokenLookup.ts';
import type { Analyser } from './types.ts';
import { scoreValue } from './value.ts';

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
      const tokens = extractTokens(fullText, lookup);
      const event = classifyEvent(input);
      const sentiment = scoreSentiment(input.title, input.text, event.denied ? 0 : EVENT_SENTIMENT_PRIOR[event.type]);
      const ranks = new Map(tokens.map((t) => [t.symbol, lookup.bySymbol(t.symbol)?.rank]));
      const value = scoreValue({
        source: input.source,
        event: event.type,
        sentiment,
        tokens,
        ranks,
        novelty: context?.novelty,
      });
      return { tokens, sentiment, event: { type: event.type }, value, summary: summarise(input.title, input.text) };
    },
  };
}
