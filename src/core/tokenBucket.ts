/**
 * Allows bursts of `capacity` actions, refilled continuously at `perSecond`.
 * Time comes from the caller's clock, so tests drive it without sleeping.
 */
export interface TokenBucket {
  /** Spends a token if there is one. */
  take(): boolean;
  /** Milliseconds until the next token, 0 when one is there. */
  msUntilNext(): number;
}

export function createTokenBucket(capacity: number, perSecond: number, clock: { now(): number }): TokenBucket {
  let tokens = capacity;
  let at = clock.now();
  const refill = () => {
    const now = clock.now();
    tokens = Math.min(capacity, tokens + ((now - at) / 1000) * perSecond);
    at = now;
  };
  return {
    take() {
      refill();
      if (tokens < 1) return false;
      tokens--;
      return true;
    },
    msUntilNext() {
      refill();
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / perSecond) * 1000);
    },
  };
}
