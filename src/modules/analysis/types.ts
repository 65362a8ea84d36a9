/** The analysis contract shared by the embedded and the LLM analysers. */

export const SOURCE_KINDS = ['news', 'twitter', 'exchange', 'onchain'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SENTIMENT_LABELS = ['bullish', 'bearish', 'neutral'] as const;
type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const EVENT_TYPES = [
  'listing',
  'delisting',
  'hack',
  'regulation',
  'partnership',
  'funding',
  'token_unlock',
  'airdrop',
  'macro',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** An item is "high value" at or above this score (0..100). */
export const HIGH_VALUE_THRESHOLD = 70;

export interface AnalysisInput {
  title?: string;
  text: string;
  source?: { kind: SourceKind; name: string };
}

export interface TokenMention {
  symbol: string;
  name: string;
  chain: string;
  address: string | null;
  /** 0..1: how sure the analyser is that the text is about this token. */
  confidence: number;
}

export interface Sentiment {
  label: SentimentLabel;
  /** -1 (very bearish) .. 1 (very bullish). */
  score: number;
}

export interface Value {
  /** 0..100 */
  score: number;
  high_value: boolean;
  reasons: string[];
}

export interface Analysis {
  tokens: TokenMention[];
  sentiment: Sentiment;
  event: { type: EventType };
  value: Value;
  /** One sentence. */
  summary: string;
}

export interface AnalysisContext {
  /** 0..1, 1 = never seen anything like it. */
  novelty?: number;
}

export interface Analyser {
  kind: 'embedded' | 'llm';
  analyse(input: AnalysisInput, context?: AnalysisContext): Promise<Analysis>;
}
