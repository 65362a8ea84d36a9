/** The analysis engine: what the agents, the ingestion pipeline and the chat's planner import. */
export { EVENT_TYPES, SENTIMENT_LABELS, SOURCE_KINDS } from './types.ts';
export type {
  Analyser,
  Analysis,
  AnalysisContext,
  AnalysisInput,
  EventType,
  SourceKind,
} from './types.ts';
export { createEmbeddedAnalyser } from './embeddedAnalyser.ts';
export { configuredAnalysers } from './configuredAnalysers.ts';
export {
  type BandedFingerprint,
  bandFingerprint,
  createNearDuplicateIndex,
  fingerprintOfWords,
  hammingDistance,
  type NearDuplicateIndex,
} from './nearDuplicate.ts';
export { normaliseForFingerprint } from './simHash.ts';
export { extractTokens } from './tokenExtractor.ts';
export { createTokenLookup, type TokenLookup } from './tokenLookup.ts';
export { findAddresses } from './addresses.ts';
