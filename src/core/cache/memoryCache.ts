import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.ts';
import { timed } from '../health.ts';

/** The embedded cache: a bounded in-process LRU with per-entry TTLs. */
export function createMemoryCache(maxEntries = 50_000): Cache {
  const entries = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
  return {
    kind: 'memory',
    async get(key) {
      return entries.get(key) ?? null;
    },
    async set(key, value, ttlMs) {
      entries.set(key, value, { ttl: ttlMs });
    },
    async del(key) {
      entries.delete(key);
    },
    async incr(key) {
      const next = Number(entries.get(key) ?? 0) + 1;
      entries.set(key, String(next), { ttl: 0 });
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
    },
  };
}
