import { errorText, type Logger } from '../../core/logger.ts';
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
 * nothing is stored twice. A failure (or an abort) fetches nothing more, and ends the run once every delivery
 * started has settled: nothing is left in flight behind it.
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
  /** A delivery or a cursor write failed: the backlog stops there. */
  let failed = false;
  for (;;) {
    const current = batch;
    for (const skip of current.skipped)
      logger.warn({ connector: connector.id, entry: skip.entry, reason: skip.reason }, 'skipped a malformed entry');
    // Called in a promise, so that a delivery that throws at once fails like one that rejects.
    const delivering = current.posts.length
      ? Promise.resolve().then(() => deps.deliver(current.posts))
      : Promise.resolve(null);
    const previous = before;
    const done = (async () => {
      // Both settled before this batch's outcome is known, whichever failed first.
      await Promise.allSettled([delivering, previous]);
      // The batch before failed: this one's cursor (past its posts) is not committed.
      await previous;
      const delivered = await delivering;
      const raw = JSON.stringify(current.cursor);
      if (raw !== committed) {
        await deps.cursors.set(connector.id, current.cursor);
        committed = raw;
      }
      onReport({ connector: connector.id, fetched: current.posts.length, skipped: current.skipped.length, delivered });
    })();
    // Awaited by the caller or behind the next batch; these only note a failure as soon as it happens.
    delivering.catch(() => {
      failed = true;
    });
    done.catch(() => {
      failed = true;
    });
    if (!backlog || !current.more) return done;
    // At most two deliveries at once: the one before this settles before the next batch is fetched.
    await previous.catch(() => {});
    if (failed || signal?.aborted) return done;
    try {
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
      logger.warn({ connector: connector.id, err: errorText(err), failures, retryInMs }, 'connector poll failed'),
  });
}
