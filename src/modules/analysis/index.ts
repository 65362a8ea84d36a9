/** The analysis engine: what the agents, the ingestion pipeline and the chat's planner import. */
export { EVENT_TYPES, HIGH_VALUE_THRESHOLD, SENTIMENT_LABELS, SOURCE_KINDS } from './types.ts';
export type {
  Analyser,
  Analysis,
  AnalysisContext,
  AnalysisInput,
  EventType,
  SentimentLabel,
  SourceKind,
  TokenMention,
} from './types.ts';
export { createEmbeddedAnalyser } from './embeddedAnalyser.ts';
export { createLlmAnalyser, type LlmAnalyserConfig } from './llmAnalyser.ts';
export {
  createNearDuplicateIndex,
  fingerprint,
  fingerprintToSignedDecimal,
  hammingDistance,
  isNearDuplicate,
  NEAR_DUPLICATE_MAX_DISTANCE,
  type NearDuplicateIndex,
  type NearDuplicateMatch,
} from './nearDuplicate.ts';
export { normaliseForFingerprint } from './simHash.ts';
export { extractTokens } from './tokenExtractor.ts';
export { createTokenLookup, type TokenLookup } from './tokenLookup.ts';
export { findAddresses } from './addresses.ts';
