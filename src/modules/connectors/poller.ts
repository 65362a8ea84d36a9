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
 * Polls the source from its stored cursor: one batch, or with `backlog` every batch it has ready (`more`), each
 * fetched while the one before is delivered and delivered behind it (the pipeline analyses a batch while the one
 * before is stored), at most two deliveries at once. Each batch's cursor is committed only once it and every batch
 * before it are delivered, in order: a crash or a failure anywhere leaves the cursor at the last batch delivered in
 * order, the next poll fetches what follows again (at least once), and the store is idempotent on external ids, so
 * nothing is stored twice. A failure ends the run once what is in flight has settled.
 */
async function pollSource<R>(
  deps: PollerDeps<R>,
  { signal, backlog }: { signal?: AbortSignal; backlog: boolean },
  onReport: (report: PollReport<R>) => void,
): Promise<void> {
  const { connector, logger } = deps;
  const stored = await readCursor(deps as PollerDeps<unknown>);
  let committed = stored.raw;
  let batch = await connector.poll(stored.cursor, signal);
  let before: Promise<void> = Promise.resolve();
  for (;;) {
    const current = batch;
    for (const skip of current.skipped)
      logger.warn({ connector: connector.id, entry: skip.entry, reason: skip.reason }, 'skipped a malformed entry');
    const delivering = current.posts.length ? deps.deliver(current.posts) : Promise.resolve(null);
    const previous = before;
    const done = (async () => {
      const delivered = await delivering;
      // The batch before first: if it failed, this one's cursor (past its posts) is not committed.
      await previous;
      const raw = JSON.stringify(current.cursor);
      if (raw !== committed) {
        await deps.cursors.set(connector.id, current.cursor);
        committed = raw;
      }
      onReport({ connector: connector.id, fetched: current.posts.length, skipped: current.skipped.length, delivered });
    })();
    // Awaited below or behind the next batch; this only keeps a failure from counting as unhandled meanwhile.
    done.catch(() => {});
    if (!backlog || !current.more || signal?.aborted) return done;
    try {
      // At most two deliveries at once: the one before this is done before the next batch is fetched.
      await previous;
      batch = await connector.poll(current.cursor, signal);
    } catch (err) {
      await done.catch(() => {});
      throw err;
    }
    before = done;
  }
}

/** One poll: read the cursor, fetch, log skipped entries, deliver, and only then commit the new cursor (pollSource). */
export async function pollOnce<R>(deps: PollerDeps<R>, signal?: AbortSignal): Promise<PollReport<R>> {
  let report: PollReport<R> | undefined;
  await pollSource(deps, { signal, backlog: false }, (made) => {
    report = made;
  });
  return report!;
}

/**
 * One poll and, while the source has more ready, the polls that follow it at once (pollSource), each batch reported
 * as it is committed.
 */
export const pollBacklog = <R>(
  deps: PollerDeps<R>,
  signal: AbortSignal | undefined,
  onReport: (report: PollReport<R>) => void = () => {},
): Promise<void> => pollSource(deps, { signal, backlog: true }, onReport);

/**
 * Polls until `signal` aborts: every `intervalMs` while healthy, with
 * exponential backoff (and at least the source's Retry-After) while failing.
 */
export async function runPoller<R>(
  deps: PollerDeps<R>,
  options: { clock: Clock; signal: AbortSignal; backoff?: BackoffPolicy; onPoll?: (report: PollReport<R>) => void },
): Promise<void> {
  const { connector, logger } = deps;
  const poll = (signal: AbortSignal) => pollBacklog(deps, signal, options.onPoll);
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
