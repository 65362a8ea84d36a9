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

export const systemClock: Clock = {
  now: () => Date.now(),
  // The global setTimeout rather than node:timers/promises, so vitest's fake timers drive loops on this clock too.
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const wake = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      signal?.addEventListener('abort', wake, { once: true });
    }),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    // Housekeeping timers never keep a process alive on their own.
    timer.unref();
    return () => clearInterval(timer);
  },
};
