import { LRUCache } from 'lru-cache';
import type { Clock } from '../../core/clock.ts';
import { createTokenBucket, type TokenBucket } from '../../core/tokenBucket.ts';

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
