import type { Logger } from '../../core/logger.ts';
import type { Clock } from '../../core/clock.ts';
import type { CursorStore } from './cursorStore.ts';
import type { Connector, RawPost } from './types.ts';
import { defaultBackoff, type BackoffPolicy } from '../../core/backoff.ts';
import { runPollLoop } from '../../core/pollLoop.ts';

export interface PollerDeps<R> {
  connector: Connector;
  cursors: CursorStore;
  /** Analyses and stores the posts; resolves only once all of them are stored. */
  deliver(posts: RawPost[]): Promise<R>;
  logger: Logger;
}

export interface PollReport<R> {
  connector: string;
  fetched: number;
  skipped: number;
  delivered: R | null;
}

async function readCursor(deps: PollerDeps<unknown>): Promise<{ cursor: unknown; raw: string | undefined }> {
  const stored = await deps.cursors.get(deps.connector.id);
  if (stored === undefined) return { cursor: null, raw: undefined };
  const parsed = deps.connector.cursorSchema.safeParse(stored);
  if (!parsed.success) {
    deps.logger.warn(
      { connector: deps.connector.id, stored },
      'discarding an unreadable connector cursor; reading from the source head',
    );
    return { cursor: null, raw: undefined };
  }
  return { cursor: parsed.data, raw: JSON.stringify(stored) };
}

/**
 * One poll: read the cursor, fetch, log skipped entries, deliver, and only
 * then commit the new cursor. A crash anywhere before the commit means the
 * next poll fetches the same posts again (at least once); the store is
 * idempotent on external ids, so nothing is stored twice.
 */
export async function pollOnce<R>(deps: PollerDeps<R>, signal?: AbortSignal): Promise<PollReport<R>> {
  const { connector, logger } = deps;
  const { cursor, raw } = await readCursor(deps as PollerDeps<unknown>);
  const batch = await connector.poll(cursor, signal);
  for (const skip of batch.skipped)
    logger.warn({ connector: connector.id, entry: skip.entry, reason: skip.reason }, 'skipped a malformed entry');
  const delivered = batch.posts.length ? await deps.deliver(batch.posts) : null;
  if (JSON.stringify(batch.cursor) !== raw) await deps.cursors.set(connector.id, batch.cursor);
  return { connector: connector.id, fetched: batch.posts.length, skipped: batch.skipped.length, delivered };
}

/**
 * Polls until `signal` aborts: every `intervalMs` while healthy, with
 * exponential backoff (and at least the source's Retry-After) while failing.
 */
export async function runPoller<R>(
  deps: PollerDeps<R>,
  options: { clock: Clock; signal: AbortSignal; backoff?: BackoffPolicy; onPoll?: (report: PollReport<R>) => void },
): Promise<void> {
  const { connector, logger } = deps;
  const poll = async (signal: AbortSignal) => {
    const report = await pollOnce(deps, signal);
    options.onPoll?.(report);
  };
  await runPollLoop(poll, {
    intervalMs: connector.intervalMs,
    clock: options.clock,
    signal: options.signal,
    backoff: options.backoff ?? defaultBackoff,
    onFailure: (err, failures, retryInMs) =>
      logger.warn(
        { connector: connector.id, err: (err as Error).message, failures, retryInMs },
        'connector poll failed',
      ),
  });
}
