import { LRUCache } from 'lru-cache';
import type { Clock } from './clock.ts';

/** Allows bursts of `capacity` actions, refilled continuously at `perSecond`. */
export interface TokenBucket {
  take(): boolean;
}

export function createTokenBucket(capacity: number, perSecond: number, clock: Clock): TokenBucket {
  let tokens = capacity;
  let at = clock.now();
  return {
    take() {
      const now = clock.now();
      tokens = Math.min(capacity, tokens + ((now - at) / 1000) * perSecond);
      at = now;
      if (tokens < 1) return false;
      tokens--;
      return true;
    },
  };
}

/** Addresses remembered at once; the least recently seen are forgotten first, so memory stays bounded. */
const TRACKED_ADDRESSES = 100_000;

/** New connections per client address: a minute's allowance may be spent at once, then it refills evenly. */
export function createConnectionRateLimit(perMinute: number, clock: Clock): (address: string) => boolean {
  const buckets = new LRUCache<string, TokenBucket>({ max: TRACKED_ADDRESSES });
  return (address) => {
    let bucket = buckets.get(address);
    if (!bucket) {
      bucket = createTokenBucket(perMinute, perMinute / 60, clock);
      buckets.set(address, bucket);
    }
    return bucket.take();
  };
}
