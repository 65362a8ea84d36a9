import { afterAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { Cache } from './cache.ts';
import { createMemoryCache } from './memoryCache.ts';
import { connectRedis, createRedisCache, whenReady } from './redisCache.ts';
import { createCachedLoader } from './cachedLoader.ts';
import { createMetrics } from '../metrics.ts';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { deleteRedisKeys, runId, services } from '../../../test/support/services.ts';

const logger = pino({ level: 'silent' });
const prefix = `${runId('loader')}:`;
const redisCaches: Cache[] = [];

async function redisCache(): Promise<Cache> {
  const client = connectRedis(services.redisUrl, prefix, 1_000, logger, 'test');
  if (!(await whenReady(client))) throw new Error(`Redis is not reachable at ${services.redisUrl}`);
  const cache = createRedisCache(client, client);
  redisCaches.push(cache);
  return cache;
}

afterAll(async () => {
  await Promise.all(redisCaches.map((c) => c.close()));
  await deleteRedisKeys(prefix);
});

const kinds: Array<[string, () => Promise<Cache>]> = [
  ['memory', async () => createMemoryCache()],
  ['redis', redisCache],
];

/**
 * A loader that counts its calls and, like a slow database query, answers
 * only once the test opens it: every load waiting then answers, and so does
 * every later one at once until it is closed again.
 */
function gatedSource(value = 'v') {
  let calls = 0;
  let open = false;
  const waiting: Array<() => void> = [];
  return {
    get calls() {
      return calls;
    },
    load: async () => {
      const call = ++calls;
      if (!open) await new Promise<void>((resolve) => waiting.push(resolve));
      return `${value}${call}`;
    },
    open() {
      open = true;
      for (const resolve of waiting.splice(0)) resolve();
    },
    close() {
      open = false;
    },
  };
}

/** Waits for the loads under way to reach the source: across real I/O on Redis, within a few turns in memory. */
const loadsReach = (source: { calls: number }, calls: number) =>
  vi.waitFor(() => expect(source.calls).toBe(calls), { timeout: 5_000, interval: 5 });

describe.each(kinds)('cached loader on the %s cache', (_kind, makeCache) => {
  it('lets exactly one of 1,000 concurrent cold requests reach the source', async () => {
    const source = gatedSource();
    const metrics = createMetrics({ defaults: false });
    const loader = createCachedLoader({
      cache: await makeCache(),
      metrics,
      logger,
      name: 'test',
      maxValueBytes: 1024,
      ttlMs: 10_000,
    });
    const key = runId('cold');
    const requests = Promise.all(Array.from({ length: 1000 }, () => loader.get(key, source.load)));
    await loadsReach(source, 1);
    source.open();
    const results = await requests;
    expect(source.calls).toBe(1);
    expect(new Set(results)).toEqual(new Set(['v1']));
    const coalesced = (await metrics.cacheRequests.get()).values.find((v) => v.labels.result === 'coalesced');
    expect(coalesced?.value).toBe(999);
  });

  it('serves the stale value while one caller refreshes it', async () => {
    const source = gatedSource();
    const clock = createManualClock();
    const loader = createCachedLoader({
      cache: await makeCache(),
      metrics: createMetrics({ defaults: false }),
      logger,
      name: 'test',
      maxValueBytes: 1024,
      ttlMs: 1_000,
      staleMs: 60_000,
      clock,
    });
    const key = runId('stale');
    source.open();
    expect(await loader.get(key, source.load)).toBe('v1');
    clock.advance(899); // short of the TTL less its jitter (up to 10 %): still fresh
    expect(await loader.get(key, source.load)).toBe('v1');
    expect(source.calls).toBe(1);
    clock.advance(300); // past the TTL plus its jitter
    source.close();
    expect(await loader.get(key, source.load)).toBe('v1'); // stale: answered at once, a refresh starts
    await loadsReach(source, 2);
    expect(await loader.get(key, source.load)).toBe('v1'); // still refreshing: stale again, and no second refresh
    source.open();
    await expect.poll(() => loader.get(key, source.load), { timeout: 5_000, interval: 5 }).toBe('v2');
    expect(source.calls).toBe(2);
  });

  it('returns a value over the size limit without storing it', async () => {
    const cache = await makeCache();
    const metrics = createMetrics({ defaults: false });
    const loader = createCachedLoader({ cache, metrics, logger, name: 'test', maxValueBytes: 1024, ttlMs: 10_000 });
    const key = runId('large');
    const large = 'é'.repeat(600); // 600 characters, 1,200 bytes in UTF-8
    expect(await loader.get(key, async () => large)).toBe(large);
    expect(await cache.get(key)).toBeNull();
    const tooLarge = (await metrics.cacheRequests.get()).values.find((v) => v.labels.result === 'too_large');
    expect(tooLarge?.value).toBe(1);
  });

  it('shares an uncached load among concurrent callers and stores nothing', async () => {
    const source = gatedSource();
    const cache = await makeCache();
    const loader = createCachedLoader({
      cache,
      metrics: createMetrics({ defaults: false }),
      logger,
      name: 'test',
      maxValueBytes: 1024,
      ttlMs: 10_000,
    });
    const key = runId('uncached');
    const requests = Promise.all(Array.from({ length: 20 }, () => loader.uncached(key, source.load)));
    await loadsReach(source, 1);
    source.open();
    const results = await requests;
    expect(new Set(results)).toEqual(new Set(['v1']));
    expect(await cache.get(key)).toBeNull();
    expect(await loader.uncached(key, source.load)).toBe('v2');
  });
});

describe('cached loader across nodes sharing Redis', () => {
  it('lets one node load while the others wait for its value', async () => {
    const source = gatedSource('shared');
    const key = runId('nodes');
    const refusals = [0, 0, 0];
    const caches = (await Promise.all([redisCache(), redisCache(), redisCache()])).map(
      (cache, i): Cache => ({
        ...cache,
        async acquireLock(lockKey, ttlMs) {
          const token = await cache.acquireLock(lockKey, ttlMs);
          if (token === null) refusals[i]!++;
          return token;
        },
      }),
    );
    const nodes = caches.map((cache) =>
      createCachedLoader({
        cache,
        metrics: createMetrics({ defaults: false }),
        logger,
        name: 'test',
        maxValueBytes: 1024,
        ttlMs: 10_000,
      }),
    );
    const requests = Promise.all(
      nodes.flatMap((node) => Array.from({ length: 100 }, () => node.get(key, source.load))),
    );
    await loadsReach(source, 1);
    // The load is held until the two other nodes have found its lock taken.
    await expect.poll(() => refusals.filter((n) => n > 0).length, { timeout: 5_000, interval: 5 }).toBe(2);
    source.open();
    const results = await requests;
    expect(source.calls).toBe(1);
    expect(new Set(results)).toEqual(new Set(['shared1']));
  });

  it('lets a waiting node load by itself once the holder lets go without storing a value', async () => {
    const large = 'x'.repeat(2048);
    const key = runId('large-nodes');
    const [holder, waiter] = await Promise.all([redisCache(), redisCache()]);
    let refusals = 0;
    const watchedWaiter: Cache = {
      ...waiter,
      async acquireLock(lockKey, ttlMs) {
        const token = await waiter.acquireLock(lockKey, ttlMs);
        if (token === null) refusals++;
        return token;
      },
    };
    const [first, second] = [holder, watchedWaiter].map((cache) =>
      createCachedLoader({
        cache,
        metrics: createMetrics({ defaults: false }),
        logger,
        name: 'test',
        maxValueBytes: 1024,
        ttlMs: 10_000,
        lockTtlMs: 60_000,
      }),
    );
    let releaseHolder!: () => void;
    const holding = first!.get(key, () => new Promise((resolve) => (releaseHolder = () => resolve(large))));
    await expect.poll(() => holder.get(`lock:${key}`)).not.toBeNull();
    const waiting = second!.get(key, async () => 'loaded by the waiter');
    await expect.poll(() => refusals).toBeGreaterThan(0); // the waiter is waiting on the holder's lock
    releaseHolder();
    expect(await holding).toBe(large);
    // With a 60 s lock, only letting go of the lock (not its expiry) can free the waiter within the test's timeout.
    expect(await waiting).toBe('loaded by the waiter');
  });
});

describe('cached loader when the cache is down', () => {
  const broken: Cache = {
    kind: 'redis',
    get: () => Promise.reject(new Error('down')),
    set: () => Promise.reject(new Error('down')),
    del: () => Promise.reject(new Error('down')),
    incr: () => Promise.reject(new Error('down')),
    acquireLock: () => Promise.reject(new Error('down')),
    releaseLock: () => Promise.reject(new Error('down')),
    health: async () => ({ status: 'down', response_time: 0 }),
    close: async () => {},
  };

  it('answers from the source, still coalescing concurrent requests', async () => {
    const source = gatedSource();
    const loader = createCachedLoader({
      cache: broken,
      metrics: createMetrics({ defaults: false }),
      logger,
      name: 'test',
      maxValueBytes: 1024,
      ttlMs: 10_000,
    });
    const requests = Promise.all(Array.from({ length: 50 }, () => loader.get('k', source.load)));
    await loadsReach(source, 1);
    source.open();
    const results = await requests;
    expect(new Set(results)).toEqual(new Set(['v1']));
    expect(await loader.get('k', source.load)).toBe('v2');
  });
});
