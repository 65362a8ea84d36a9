import type { z } from 'zod';
import type { SourceKind } from '../analysis/index.ts';

/** One post as a source published it, before analysis. */
export interface RawPost {
  source: { kind: SourceKind; name: string; url?: string | null; author?: string | null };
  /** Stable across polls and restarts, prefixed by the connector type (`x:…`, `binance:…`). */
  external_id: string;
  title?: string;
  text: string;
  /** ISO 8601; the time of ingestion when the source gives none. */
  published_at?: string;
}

/** An entry left out of a batch, and why: logged, never fatal to the rest of the batch. */
export interface SkippedEntry {
  reason: string;
  entry?: string;
}

interface SourceBatch<C> {
  posts: RawPost[];
  skipped: SkippedEntry[];
  /** Where the next poll starts; persisted only after `posts` are stored. */
  cursor: C;
  /**
   * More posts are ready now, past this batch (a backlog: a replay, a source caught up after downtime): the poller
   * fetches the next batch at once, and delivers it while this one is still being stored.
   */
  more?: boolean;
}

/** A source of raw posts that is polled: one per agent and source. */
export interface Connector<C = unknown> {
  /** Unique per agent and source; keys the persisted cursor. */
  id: string;
  /** Milliseconds between polls while the source is healthy. */
  intervalMs: number;
  /** Validates a persisted cursor; a cursor that fails is discarded with a warning. */
  cursorSchema: z.ZodType<C>;
  /** `cursor` is null on the very first poll. */
  poll(cursor: C | null, signal?: AbortSignal): Promise<SourceBatch<C>>;
}
