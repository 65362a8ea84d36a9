import type { Cache } from './cache.ts';
import type { Metrics } from '../metrics.ts';
import type { Logger } from '../logger.ts';
import { systemClock, type Clock } from '../clock.ts';
import { errorText } from '../logger.ts';

/**
 * Read-through caching that lets exactly one request per key reach the loader:
 * concurrent callers in this process share one promise; callers on other nodes
 * see the Redis lock (SET NX PX) and wait for the value the holder writes.
 * Entries stay readable for a while after they go stale, so during a refresh
 * readers get the stale value instead of piling onto the database.
 * When the cache is unreachable every lookup degrades to a (coalesced) load.
 * Values over `maxValueBytes` are returned but never stored: one of them would
 * crowd out thousands of ordinary pages, and a hostile client can ask for many.
 */
export interface CachedLoader {
  /** Values are strings (already-serialised response bodies) so a hit costs no encoding at all. */
  get(key: string, load: () => Promise<string>): Promise<string>;
  /** Concurrent callers of `key` share one load, but nothing is read or stored: for queries too varied to be worth caching. */
  uncached(key: string, load: () => Promise<string>): Promise<string>;
}

export interface CachedLoaderOptions {
  cache: Cache;
  metrics: Metrics;
  logger: Logger;
  /** Label for metrics (feed, detail…). */
  name: string;
  ttlMs: number;
  /** Larger values (UTF-8 bytes) are not cached. */
  maxValueBytes: number;
  /** How long past its TTL a value may still be served while one caller refreshes it. */
  staleMs?: number;
  lockTtlMs?: number;
  /** How often a caller waiting on another node's lock looks for the value. */
  pollMs?: number;
  /**
   * What freshness is measured against (default: the system clock); tests pass a manual
   * clock to make values stale without waiting. Waiting on another node's lock paces
   * real cache round trips, so it stays on real timers.
   */
  clock?: Pick<Clock, 'now'>;
}

/** Stored form: `<epoch ms until which the value is fresh>|<value>`. */
interface Envelope {
  freshUntil: number;
  value: string;
}

const encode = (e: Envelope) => `${e.freshUntil}|${e.value}`;
/** Whether `value` takes more than `limit` bytes in UTF-8; the length alone settles most cases without a scan. */
const exceeds = (value: string, limit: number) =>
  value.length > limit || (value.length * 3 > limit && Buffer.byteLength(value) > limit);
function decode(raw: string): Envelope {
  const bar = raw.indexOf('|');
  return { freshUntil: Number(raw.slice(0, bar)), value: raw.slice(bar + 1) };
}

export function createCachedLoader(opts: CachedLoaderOptions): CachedLoader {
  const { cache, metrics, logger, name, ttlMs, maxValueBytes } = opts;
  const staleMs = opts.staleMs ?? ttlMs;
  const lockTtlMs = opts.lockTtlMs ?? 5_000;
  const pollMs = opts.pollMs ?? 15;
  const clock = opts.clock ?? systemClock;
  const inflight = new Map<string, Promise<string>>();
  const refreshing = new Set<string>();
  const count = (result: string) => metrics.cacheRequests.inc({ cache: name, result });

  /** Every cache call goes through here: a cache failure is a miss, never an error for the client. */
  async function attempt<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (err) {
      count('error');
      logger.debug({ cache: name, err: errorText(err) }, 'cache unavailable; using the database');
      return fallback;
    }
  }

  async function read(key: string): Promise<Envelope | null> {
    const raw = await attempt(() => cache.get(key), null);
    return raw === null ? null : decode(raw);
  }

  async function loadAndStore(key: string, load: () => Promise<string>): Promise<string> {
    const value = await load();
    if (exceeds(value, maxValueBytes)) {
      count('too_large');
      return value;
    }
    // Jitter spreads the expiry of keys written together, so they don't all miss at once.
    const fresh = Math.round(ttlMs * (0.9 + Math.random() * 0.2));
    await attempt(() => cache.set(key, encode({ freshUntil: clock.now() + fresh, value }), fresh + staleMs), undefined);
    return value;
  }

  async function loadUnderLock(key: string, load: () => Promise<string>): Promise<string> {
    const lockKey = `lock:${key}`;
    const lock = () => attempt(() => cache.acquireLock(lockKey, lockTtlMs), undefined as string | null | undefined);
    let token = await lock();
    if (token === undefined) return load(); // cache down: nothing to lock or store
    const waited = token === null;
    while (token === null) {
      // Another node is loading this key: wait for its value rather than query the database too.
      await new Promise((r) => setTimeout(r, pollMs));
      const envelope = await read(key);
      if (envelope) {
        count('lock_wait');
        return envelope.value;
      }
      // No value yet: the holder may have let go without storing one (too large, failed, gone).
      token = await lock();
      if (token === undefined) return load();
    }
    try {
      // The holder may have stored its value between our last read and our lock.
      const envelope = waited ? await read(key) : null;
      if (envelope) {
        count('lock_wait');
        return envelope.value;
      }
      return await loadAndStore(key, load);
    } finally {
      await attempt(() => cache.releaseLock(lockKey, token), undefined);
    }
  }

  function refreshInBackground(key: string, load: () => Promise<string>) {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    loadUnderLock(key, load)
      .catch((err) => logger.warn({ cache: name, key, err: errorText(err) }, 'background refresh failed'))
      .finally(() => refreshing.delete(key));
  }

  async function resolve(key: string, load: () => Promise<string>): Promise<string> {
    const envelope = await read(key);
    if (envelope) {
      if (envelope.freshUntil > clock.now()) {
        count('hit');
        return envelope.value;
      }
      count('stale');
      refreshInBackground(key, load);
      return envelope.value;
    }
    count('miss');
    return loadUnderLock(key, load);
  }

  /** The load of `key` already under way, if any: concurrent callers share it. */
  function joined(key: string): Promise<string> | undefined {
    const pending = inflight.get(key);
    if (pending) count('coalesced');
    return pending;
  }

  function track(key: string, loading: Promise<string>): Promise<string> {
    const promise = loading.finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }

  return {
    get: (key, load) => joined(key) ?? track(key, resolve(key, load)),
    uncached(key, load) {
      const loadKey = `uncached:${key}`;
      const pending = joined(loadKey);
      if (pending) return pending;
      count('uncached');
      return track(loadKey, load());
    },
  };
}
