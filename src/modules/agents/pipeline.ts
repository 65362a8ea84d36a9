import type { Logger } from '../../core/logger.ts';
import { dataException } from '../../core/dataException.ts';
import { PUBLICATION_RANGE, publicationSchema } from '../../core/instant.ts';
import { hasVisibleText, stripUnsafeStrings } from '../../core/text.ts';
import { truncateAtCodePoint, truncateAtWord } from '../../core/truncate.ts';
import type { Analyser, Analysis, AnalysisContext } from '../analysis/index.ts';
import { type RawPost, describeIssue } from '../connectors/index.ts';
import { ingestSchema, type BatchIngestResult, type IngestItem } from '../intelligence/index.ts';
import type { Thresholds } from './pipelineConfig.ts';
import { mapLimited } from '../../core/mapLimited.ts';
import { AnalysisUnavailableError } from './analysisPool.ts';

/** What became of one delivered batch. */
export interface DeliveryReport {
  created: number;
  merged: number;
  duplicates: number;
  /** Analysed, but below the agent's thresholds. */
  filtered: number;
  /** Could not be analysed or stored (logged with the reason). */
  skipped: number;
}

/**
 * Posts stored per ingest call; the next chunk is analysed while one is being stored. A chunk costs a few round trips
 * whatever its size (the stored stories read, the write and its commit, the bus's confirm): on the replay, chunks of
 * 500 stored about 30 % more items a second than chunks of 200, and chunks of 1,000 no more than 500 (bench:ingest).
 */
const CHUNK = 500;
/** Requests to an LLM at once; the embedded analyser gets a whole chunk (its worker threads share it out). */
const LLM_CONCURRENCY = 8;
const TITLE_CHARS = 140;
/** What the ingest door accepts as `published_at`. */
const publishedAtSchema = publicationSchema();

/** Posts without a title (tweets, alerts), or with one a reader cannot see, get their first sentence, cut at a word. */
export function titleOf(post: RawPost): string {
  const given = post.title?.trim();
  if (given && hasVisibleText(given)) return truncateAtCodePoint(given, 500);
  const text = post.text.trim().replace(/\s+/g, ' ');
  const sentence = text.match(/^.+?[.!?](\s|$)/)?.[0].trim() ?? text;
  return truncateAtWord(sentence, TITLE_CHARS);
}

export function passes(analysis: Analysis, thresholds: Thresholds): boolean {
  if (thresholds.events && !thresholds.events.includes(analysis.event.type)) return false;
  if (Math.abs(analysis.sentiment.score) < thresholds.min_abs_sentiment) return false;
  if (analysis.value.score < thresholds.min_value) return false;
  return !thresholds.require_tokens || analysis.tokens.length > 0;
}

function toIngest(agentId: string, post: RawPost, analysis: Analysis, publishedAt: string | undefined): unknown {
  return {
    external_id: post.external_id,
    type: post.source.kind,
    title: titleOf(post),
    content: truncateAtCodePoint(post.text, 50_000),
    summary: analysis.summary,
    analysis: analysis.analysis,
    sentiment: analysis.sentiment,
    value: analysis.value,
    event: analysis.event,
    tokens: analysis.tokens.map(({ symbol, name, chain, address }) => ({ symbol, name, chain, address })),
    source: post.source,
    agent_id: agentId,
    published_at: publishedAt,
  };
}

/**
 * An agent's delivery path: analyse each post, keep those that pass the
 * agent's thresholds, and store them through the ingest door, chunk by chunk
 * (in order, each chunk analysed while the one before is stored). Resolves
 * once every kept post is stored. Text PostgreSQL cannot store is dropped
 * and an impossible date replaced, not the post; a post that cannot be
 * analysed, is not a valid item or is still refused by the database is
 * skipped with its reason; the rest of the batch lands, so one bad post never
 * holds a source's cursor back.
 */
export function createPipeline(deps: {
  agentId: string;
  analyser: Analyser;
  thresholds: Thresholds;
  /** Stores a chunk; resolves once it is stored, before its items are announced. */
  ingestMany(items: IngestItem[]): Promise<BatchIngestResult[]>;
  /** Resolves once the items stored so far are announced. */
  announced(): Promise<void>;
  /** Market quotes by ticker for the analysis to cite (never fails). */
  quotes(): Promise<AnalysisContext['market']>;
  logger: Logger;
}): (posts: RawPost[]) => Promise<DeliveryReport> {
  const { agentId, analyser, thresholds, logger } = deps;
  const concurrency = analyser.kind === 'llm' ? LLM_CONCURRENCY : CHUNK;

  const skip = (entry: string | undefined, reason: string, report: DeliveryReport) => {
    report.skipped++;
    logger.warn({ agent: agentId, entry, reason }, 'skipped a post');
    return null;
  };

  /** A date no calendar has (or none the platform accepts) is the source's mistake, not a reason to lose the post: it is dated when it was fetched. */
  const saneDate = (post: RawPost, fetchedAt: Date): string | undefined => {
    if (post.published_at === undefined || publishedAtSchema.safeParse(post.published_at).success)
      return post.published_at;
    logger.warn(
      { agent: agentId, entry: post.external_id, published_at: post.published_at },
      `dated a post when it was fetched: its publication date is not an ISO 8601 date-time ${PUBLICATION_RANGE}`,
    );
    return fetchedAt.toISOString();
  };

  async function prepare(
    raw: RawPost,
    { fetchedAt, context }: { fetchedAt: Date; context: AnalysisContext },
    report: DeliveryReport,
  ): Promise<IngestItem | null> {
    // Sources publish whatever they like: NUL characters and unpaired surrogates (which PostgreSQL cannot store) are dropped, not the post.
    const post = stripUnsafeStrings(raw);
    let analysis: Analysis;
    try {
      analysis = await analyser.analyse(
        { title: post.title, text: post.text, source: { kind: post.source.kind, name: post.source.name } },
        context,
      );
    } catch (err) {
      // The analyser being down is not the post's fault: fail the batch so it is delivered again.
      if (err instanceof AnalysisUnavailableError) throw err;
      return skip(post.external_id, `analysis failed: ${(err as Error).message}`, report);
    }
    if (!passes(analysis, thresholds)) {
      report.filtered++;
      return null;
    }
    // The analysis is text from outside too (an LLM's summary may carry a NUL): the item is cleaned as a whole.
    const item = ingestSchema.safeParse(
      stripUnsafeStrings(toIngest(agentId, post, analysis, saneDate(post, fetchedAt))),
    );
    return item.success ? item.data : skip(post.external_id, describeIssue(item.error), report);
  }

  /** A chunk the database refuses as data is stored again item by item, so only the refused item is skipped. */
  async function store(items: IngestItem[], report: DeliveryReport): Promise<void> {
    let results: BatchIngestResult[];
    try {
      results = await deps.ingestMany(items);
    } catch (err) {
      const sqlState = dataException(err);
      // Anything else (the database down) is not the posts' fault: the batch fails and is delivered again.
      if (!sqlState) throw err;
      if (items.length === 1)
        return void skip(items[0]!.external_id, `the database refused it (SQLSTATE ${sqlState})`, report);
      for (const item of items) await store([item], report);
      return;
    }
    for (const { outcome } of results) {
      if (outcome === 'created') report.created++;
      else if (outcome === 'merged') report.merged++;
      else report.duplicates++;
    }
  }

  return async (posts) => {
    const report: DeliveryReport = { created: 0, merged: 0, duplicates: 0, filtered: 0, skipped: 0 };
    // Connectors deliver a batch as soon as they have fetched it.
    const fetchedAt = new Date();
    // One view of the market for the whole batch.
    const delivery = { fetchedAt, context: { market: await deps.quotes() } };
    let storing: Promise<void> = Promise.resolve();
    for (let i = 0; i < posts.length; i += CHUNK) {
      const analysing = mapLimited(posts.slice(i, i + CHUNK), concurrency, (post) => prepare(post, delivery, report));
      // A chunk that cannot be analysed fails the delivery once the chunk before is stored: nothing left in flight.
      await Promise.allSettled([analysing, storing]);
      const items = (await analysing).filter((item) => item !== null);
      await storing;
      storing = store(items, report);
      // Awaited before the next store or at the end; this only keeps a failure from counting as unhandled meanwhile.
      storing.catch(() => {});
    }
    await storing;
    // Each chunk was stored while the bus confirmed the one before; the delivery is done once the last is confirmed.
    await deps.announced();
    return report;
  };
}
