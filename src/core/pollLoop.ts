import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff.ts';
import type { Clock } from './clock.ts';

export interface PollLoopOptions {
  /** The wait between polls while they succeed. */
  intervalMs: number;
  clock: Clock;
  /** Stops the loop: the wait ends at once, a poll in flight is let finish (or abort, if it reads the signal). */
  signal: AbortSignal;
  /** While polls fail. Default: the first retry after about one interval, doubling up to ten minutes. */
  backoff?: BackoffPolicy;
  /** Every failed poll, with how many in a row have failed and when the next one is. */
  onFailure(err: unknown, failures: number, retryInMs: number): void;
}

/** How long a failed source asked to be left alone: errors that carry `retryAfterMs` (an HTTP 429's or 503's Retry-After). */
function retryAfterOf(err: unknown): number {
  const retryAfterMs = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof retryAfterMs === 'number' ? retryAfterMs : 0;
}

/**
 * Calls `poll` at once and then until `signal` aborts: every `intervalMs`
 * while it succeeds; while it fails, after an exponential backoff with jitter
 * (so sources that failed together are not retried together), and never
 * sooner than the source's Retry-After. Resolves once the last poll has ended.
 */
export async function runPollLoop(
  poll: (signal: AbortSignal) => Promise<unknown>,
  options: PollLoopOptions,
): Promise<void> {
  const { intervalMs, clock, signal } = options;
  const backoff = options.backoff ?? { baseMs: intervalMs, maxMs: Math.max(intervalMs, defaultBackoff.maxMs) };
  let failures = 0;
  while (!signal.aborted) {
    let wait = intervalMs;
    try {
      await poll(signal);
      failures = 0;
    } catch (err) {
      if (signal.aborted) return;
      failures++;
      wait = Math.max(backoffDelay(failures, backoff), retryAfterOf(err));
      options.onFailure(err, failures, wait);
    }
    await clock.sleep(wait, signal);
  }
}
