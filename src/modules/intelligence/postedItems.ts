import type { Analyser, AnalysisContext, SourceKind } from '../analysis/index.ts';
import { SOURCE_KINDS } from '../analysis/index.ts';
import { stripUnsafeStrings } from '../../core/text.ts';
import { ingestSchema, type IngestItem, type PostedItem } from './schemas.ts';

/** The fields an analyser fills in: a posted item that gives them all is stored as posted. */
const ANALYSIS_FIELDS = ['summary', 'analysis', 'sentiment', 'value', 'event', 'tokens'] as const;

const sourceKind = (item: PostedItem): SourceKind =>
  (SOURCE_KINDS as readonly string[]).includes(item.source.kind ?? '') ? (item.source.kind as SourceKind) : item.type;

/**
 * Turns what a client posts into an item to store: what the client gave is kept, and whatever
 * analysis it left out is the platform's analyser's (with market quotes at ingest time, so the
 * analysis says where the main token trades). A client that gives every analysis field is not
 * analysed at all.
 */
export function createPostedItemCompletion(deps: {
  analyser: Analyser;
  /** Quotes by ticker; never fails (an empty snapshot when the market is away). */
  quotes(): Promise<AnalysisContext['market']>;
}): (posted: PostedItem) => Promise<IngestItem> {
  return async (posted) => {
    if (ANALYSIS_FIELDS.every((field) => posted[field] !== undefined)) return posted as IngestItem;
    const analysis = await deps.analyser.analyse(
      { title: posted.title, text: posted.content, source: { kind: sourceKind(posted), name: posted.source.name } },
      { market: await deps.quotes() },
    );
    // Parsed like any item (an LLM's prose is text from outside too): scores rounded, lengths checked.
    return ingestSchema.parse({
      ...posted,
      sentiment: posted.sentiment ?? analysis.sentiment,
      value: posted.value ?? analysis.value,
      event: posted.event ?? analysis.event,
      tokens:
        posted.tokens ?? analysis.tokens.map(({ symbol, name, chain, address }) => ({ symbol, name, chain, address })),
      ...stripUnsafeStrings({
        summary: posted.summary ?? analysis.summary,
        analysis: posted.analysis ?? analysis.analysis,
      }),
    });
  };
}
