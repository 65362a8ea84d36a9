import type { Clock } from './clock.ts';

/** A token bucket: bursts up to `capacity` requests, then `perMinute` on average. */
export interface RateLimit {
  /** Waits until a request may go out, then spends one token. */
  take(signal?: AbortSignal): Promise<void>;
}

export function createTokenBucket(options: { perMinute: number; capacity?: number; clock: Clock }): RateLimit {
  const { perMinute, clock } = options;
  const capacity = options.capacity ?? Math.max(1, Math.ceil(perMinute / 6));
  const msPerToken = 60_000 / perMinute;
  let tokens = capacity;
  let refilledAt = clock.now();

  const refill = () => {
    const now = clock.now();
    tokens = Math.min(capacity, tokens + (now - refilledAt) / msPerToken);
    refilledAt = now;
  };

  return {
    async take(signal) {
      refill();
      while (tokens < 1 && !signal?.aborted) {
        await clock.sleep(Math.ceil((1 - tokens) * msPerToken), signal);
        refill();
      }
      tokens -= 1;
    },
  };
}
