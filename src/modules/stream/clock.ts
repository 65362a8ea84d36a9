/**
 * Time as the stream sees it. Heartbeat deadlines and rate limits read this
 * instead of Date.now() and timers, so tests drive them with a manual clock
 * rather than sleeping.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` every `ms` milliseconds until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    // Housekeeping timers never keep a process alive on their own.
    timer.unref();
    return () => clearInterval(timer);
  },
};
