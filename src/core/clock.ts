/**
 * Time as the platform's timing logic sees it: stream heartbeats and rate
 * limits, connector pacing and polling. They read this instead of
 * Date.now() and timers, so tests drive them with a manual clock
 * (test/support/manualClock.ts) rather than sleeping.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` every `ms` milliseconds until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

/** The longest delay setTimeout takes; Node turns a longer one into 1 ms. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

// The global setTimeout rather than node:timers/promises, so vitest's fake timers drive loops on this clock too.
function sleepAtMost(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Waits longer than setTimeout's limit (a 30-day rotation) are slept in pieces, never cut to a millisecond.
  async sleep(ms, signal) {
    const until = Date.now() + ms;
    for (let left = ms; left > MAX_TIMEOUT_MS && !signal?.aborted; left = until - Date.now())
      await sleepAtMost(MAX_TIMEOUT_MS, signal);
    if (!signal?.aborted) await sleepAtMost(Math.max(0, until - Date.now()), signal);
  },
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    // Housekeeping timers never keep a process alive on their own.
    timer.unref();
    return () => clearInterval(timer);
  },
};
