import type { Clock } from '../clock.ts';
import { createTokenBucket } from '../tokenBucket.ts';

/** Paces requests to one host: bursts up to `capacity`, then `perMinute` on average. */
export interface RateLimit {
  /** Waits until a request may go out, then spends one token (returns early, unspent, when `signal` aborts). */
  take(signal?: AbortSignal): Promise<void>;
}

export function createRateLimit(options: { perMinute: number; capacity?: number; clock: Clock }): RateLimit {
  const { perMinute, clock } = options;
  const bucket = createTokenBucket(options.capacity ?? Math.max(1, Math.ceil(perMinute / 6)), perMinute / 60, clock);
  return {
    async take(signal) {
      while (!bucket.take() && !signal?.aborted) await clock.sleep(bucket.msUntilNext(), signal);
    },
  };
}
