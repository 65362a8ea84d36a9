import { createOpenAI } from '@ai-sdk/openai';
import { generateText, Output } from 'ai';
import { z } from 'zod';
import type { Logger } from '../../core/logger.ts';
import { createHttpClient } from '../../core/outbound/httpClient.ts';
import {
  EVENT_TYPES,
  HIGH_VALUE_THRESHOLD,
  SENTIMENT_LABELS,
  type Analyser,
  type AnalysisInput,
  type Analysis,
  type AnalysisContext,
} from './types.ts';

/**
 * Analysis by a chat model with structured output, on any OpenAI-compatible
 * endpoint. Whatever goes wrong (network, HTTP error, timeout, output that is
 * not valid JSON or does not fit the schema) the item is analysed by the
 * fallback instead, so ingestion never stalls on the model.
 */

export interface LlmAnalyserConfig {
  /** Default: OpenAI's public API. */
  OPENAI_BASE_URL?: string;
  /** Local OpenAI-compatible servers often need none. */
  OPENAI_API_KEY?: string;
  LLM_MODEL: string;
  /** Default 30 s. */
  LLM_TIMEOUT_MS?: number;
  /** Retries on transient HTTP errors before falling back. Default 1. */
  LLM_MAX_RETRIES?: number;
}

const tokenSchema = z.object({
  symbol: z.string().min(1),
  name: z.string(),
  chain: z.string(),
  address: z.string().nullable(),
  confidence: z.number().min(0).max(1),
});

const analysisSchema = z.object({
  tokens: z.array(tokenSchema),
  mentions: z.array(tokenSchema),
  sentiment: z.object({ label: z.enum(SENTIMENT_LABELS), score: z.number().min(-1).max(1) }),
  event: z.object({ type: z.enum(EVENT_TYPES) }),
  value: z.object({ score: z.number().min(0).max(100), reasons: z.array(z.string()) }),
  summary: z.string().min(1),
  analysis: z.string().min(1),
});

const INSTRUCTIONS = `You analyse crypto-market posts (news, X posts, exchange announcements, on-chain alerts) for traders.
Return JSON only, matching the schema:
- tokens: the crypto assets the post is about (the hacked protocol's token, the listed coin, the token whose price moved), by ticker (upper case), full name, chain slug (bitcoin, ethereum, solana, bsc, base…) and contract address or null. Ignore English words that happen to be tickers ("one", "near term", "gas fees", "AI agents") unless the post clearly means the token. confidence 0..1.
- mentions: assets named only in passing, same fields, lower confidence: what stolen funds were swapped or bridged into ("swapped the loot into SOL"), the chain something runs on ("on Solana", "a Solana memecoin"). Never the same ticker in both lists.
- sentiment: market impact on the tokens; label bullish, bearish or neutral; score -1..1. Mind negation ("not approved" is bearish, "denies hack" is not bearish) and hedges ("could", "may").
- event.type: one of ${EVENT_TYPES.join(', ')}.
- value.score 0..100: source credibility (official exchange or major outlet > anonymous account) up to 25, event importance up to 25 (listings and hacks highest), sentiment strength up to 15, token size up to 15, novelty up to 20; reasons: short phrases.
- summary: the gist of the content in one or two plain sentences, with its facts; never the title again.
- analysis: one or two sentences for a trader: what happened (name the event: listing, delisting, hack or exploit, regulation, partnership, funding, unlock, airdrop, macro), to which token or protocol, which way it leans and why it matters, quoting the amounts and percentages the post states. When a market quote is given for the main token, say where it trades ("ETH trades at $3,120, down 4.2% in 24 h"). Invent no figures.`;

/**
 * Quotes of the tokens the post names by ticker as written (ONE, $one), not of every word that spells
 * one ("one"): the model needs no price list of a hundred coins.
 */
function marketLines(input: AnalysisInput, context: AnalysisContext | undefined): string[] {
  if (!context?.market) return [];
  const text = `${input.title ?? ''} ${input.text}`;
  const tickers = new Set([
    ...(text.match(/\b[A-Z0-9]{2,}\b/g) ?? []),
    ...(text.match(/\$[A-Za-z0-9]+/g) ?? []).map((tag) => tag.slice(1).toUpperCase()),
  ]);
  return Object.entries(context.market)
    .filter(([symbol]) => tickers.has(symbol))
    .map(
      ([symbol, quote]) =>
        `Market: ${symbol} $${quote.price_usd}${quote.change_24h_pct === undefined ? '' : ` (${quote.change_24h_pct}% in 24 h)`}`,
    );
}

function prompt(input: AnalysisInput, context: AnalysisContext | undefined): string {
  const lines = [
    input.source ? `Source: ${input.source.kind} / ${input.source.name}` : 'Source: unknown',
    ...(context?.novelty !== undefined
      ? [`Novelty: ${context.novelty.toFixed(2)} (1 = never seen before, 0 = already reported)`]
      : []),
    ...marketLines(input, context),
    ...(input.title ? [`Title: ${input.title}`] : []),
    `Text: ${input.text}`,
  ];
  return lines.join('\n');
}

function toAnalysis(output: z.infer<typeof analysisSchema>): Analysis {
  const score = Math.round(output.value.score);
  return { ...output, value: { score, high_value: score >= HIGH_VALUE_THRESHOLD, reasons: output.value.reasons } };
}

export function createLlmAnalyser(config: LlmAnalyserConfig, fallback: Analyser, logger?: Logger): Analyser {
  const timeoutMs = config.LLM_TIMEOUT_MS ?? 30_000;
  const provider = createOpenAI({
    baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    apiKey: config.OPENAI_API_KEY ?? '',
    // The SDK makes its requests and retries them itself; through our fetch they carry our User-Agent.
    fetch: createHttpClient({ timeoutMs }).fetch,
  });
  const model = provider.chat(config.LLM_MODEL);
  return {
    kind: 'llm',
    async analyse(input, context) {
      try {
        const { output } = await generateText({
          model,
          system: INSTRUCTIONS,
          prompt: prompt(input, context),
          output: Output.object({ schema: analysisSchema }),
          temperature: 0,
          maxRetries: config.LLM_MAX_RETRIES ?? 1,
          abortSignal: AbortSignal.timeout(timeoutMs),
        });
        return toAnalysis(output);
      } catch (error) {
        logger?.warn({ err: error, model: config.LLM_MODEL }, 'LLM analysis failed; using the embedded analysis');
        return fallback.analyse(input, context);
      }
    },
  };
}
