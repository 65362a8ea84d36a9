/** The analysis contract shared by the embedded and the LLM analysers. */

export const SOURCE_KINDS = ['news', 'twitter', 'exchange', 'onchain'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SENTIMENT_LABELS = ['bullish', 'bearish', 'neutral'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

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
  /**
   * What the story is about: the hacked protocol's token, the listed coin.
   * An item is tagged with these.
   */
  tokens: TokenMention[];
  /**
   * Tokens named only in passing (what the loot was swapped into, the chain
   * a deposit runs on), at a lower confidence; never the item's tags.
   */
  mentions: TokenMention[];
  sentiment: Sentiment;
  event: { type: EventType };
  value: Value;
  /** The gist of the content in a sentence or two; never the headline again. */
  summary: string;
  /** One or two sentences: what happened, to which token, why it matters, with the figures the text states. */
  analysis: string;
}

/** A token's market at analysis time. */
export interface MarketQuote {
  price_usd: number;
  change_24h_pct?: number;
}

export interface AnalysisContext {
  /** 0..1, 1 = never seen anything like it. */
  novelty?: number;
  /**
   * Quotes by ticker. When the story's main token has one, the analysis says
   * where it traded at ingest ("As of ingest, ETH trades at $3,120, down 4.2% in 24 h."). Plain data,
   * so it reaches analysis workers unchanged.
   */
  market?: Readonly<Record<string, MarketQuote>>;
}

export interface Analyser {
  kind: 'embedded' | 'llm';
  analyse(input: AnalysisInput, context?: AnalysisContext): Promise<Analysis>;
}
