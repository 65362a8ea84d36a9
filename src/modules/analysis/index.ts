/** The analysis engine: what the agents and the ingestion pipeline import. */
export { EVENT_TYPES, HIGH_VALUE_THRESHOLD, SENTIMENT_LABELS, SOURCE_KINDS } from './types.ts';
export type { Analyser, Analysis, AnalysisContext, AnalysisInput, EventType, SentimentLabel, SourceKind, TokenMention } from './types.ts';
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
