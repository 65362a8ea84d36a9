import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.ts';
import { timed } from '../health.ts';

/**
 * What an entry costs, in bytes: V8 stores a string in one or two bytes per
 * character, so two per character of key and value is the bound that holds.
 */
const entryBytes = (value: string, key: string) => (key.length + value.length) * 2;

/**
 * The embedded cache: an in-process LRU bounded by the bytes its keys and
 * values take (`maxBytes`), with per-entry TTLs. An entry is dropped when its
 * TTL ends (ttlAutopurge: a timer per write, nothing on the read path), so
 * expired pages never hold memory until the LRU happens to reach them.
 */
export function createMemoryCache(maxBytes = 64 * 1024 * 1024): Cache {
  const entries = new LRUCache<string, string>({
    max: 50_000,
    maxSize: maxBytes,
    sizeCalculation: entryBytes,
    ttlAutopurge: true,
  });
  // Counters (the feed generation) live outside the LRU: evicting one would restart it
  // and bring back pages cached under an old generation. Only code names counters.
  const counters = new Map<string, number>();
  return {
    kind: 'memory',
    async get(key) {
      const value = entries.get(key);
      if (value !== undefined) return value;
      const count = counters.get(key);
      return count === undefined ? null : String(count);
    },
    async set(key, value, ttlMs) {
      entries.set(key, value, { ttl: ttlMs });
    },
    async del(key) {
      entries.delete(key);
      counters.delete(key);
    },
    async incr(key) {
      const next = (counters.get(key) ?? 0) + 1;
      counters.set(key, next);
      return next;
    },
    async acquireLock(key, ttlMs) {
      if (entries.has(key)) return null;
      const token = randomUUID();
      entries.set(key, token, { ttl: ttlMs });
      return token;
    },
    async releaseLock(key, token) {
      if (entries.get(key) === token) entries.delete(key);
    },
    health: () => timed(async () => {}, 'memory'),
    async close() {
      entries.clear();
      counters.clear();
    },
  };
}
