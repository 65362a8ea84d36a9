import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import { heapAfterGc } from '../support/heap.ts';
import { services } from '../support/services.ts';
import type { AppContext } from '../../src/core/context.ts';

/**
 * The hostile pattern of issue 10: one client, within its rate limit, asks for
 * 100 large items again and again under keys that never repeat. The bounds
 * asserted here are the ones README.md ("Caching") documents.
 */

const MiB = 1024 * 1024;
const ITEMS = 100;
/** Each item carries the largest content the ingest door accepts. */
const CONTENT_CHARS = 50_000;
/** Distinct `since` values, 100 items a page (about 5 MB each): not cached at all. */
const SINCE_REQUESTS = 100;
/** Distinct keywords, 100 items a page: over CACHE_MAX_VALUE_BYTES, so not cached. */
const LARGE_KEYWORD_REQUESTS = 20;
/** Distinct keywords, 18 items a page (about 0.9 MB): cached, together well over the in-process budget. */
const CACHED_KEYWORD_REQUESTS = 40;
const CACHED_PAGE_SIZE = 18;
const CONCURRENCY = 4;

/** The in-process cache's budget here (CACHE_MEMORY_MAX_BYTES, 64 MiB by default): small, so a short run overfills it. */
const MEMORY_BUDGET = 16 * MiB;
/**
 * Heap the run may leave behind (after GC): the in-process budget, plus 16 MiB for what
 * any run leaves (code, connection state, metrics: up to 10 MiB measured on the Redis backend).
 */
const HEAP_GROWTH_BOUND = MEMORY_BUDGET + 16 * MiB;
/** Redis memory the run may leave under its prefix: one CACHE_MAX_VALUE_BYTES (1 MiB) value per cacheable request, nothing for the rest. */
const REDIS_BOUND = CACHED_KEYWORD_REQUESTS * MiB;

const setups = [
  { name: 'the in-process cache', redis: false },
  { name: 'Redis', redis: true },
];

/** Bytes Redis uses for the keys under `prefix` (MEMORY USAGE summed over SCAN), and which of them never expire. */
async function redisUsage(prefix: string): Promise<{ bytes: number; withoutTtl: string[] }> {
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let bytes = 0;
    const withoutTtl: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      for (const key of keys) {
        bytes += (await redis.memory('USAGE', key)) ?? 0;
        if ((await redis.pttl(key)) === -1) withoutTtl.push(key.slice(prefix.length));
      }
      cursor = next;
    } while (cursor !== '0');
    return { bytes, withoutTtl };
  } finally {
    redis.disconnect();
  }
}

/** Runs `tasks` with at most `limit` in flight. */
async function inPool(tasks: Array<() => Promise<unknown>>, limit: number): Promise<void> {
  const queue = [...tasks];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  }));
}

const cacheResults = async (ctx: AppContext) =>
  Object.fromEntries((await ctx.metrics.cacheRequests.get()).values.filter((v) => v.labels.cache === 'feed').map((v) => [v.labels.result, v.value]));

function occurrences(body: Buffer, needle: string): number {
  let count = 0;
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, at + needle.length)) count++;
  return count;
}

const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

describe.each(setups)('memory under hostile feed queries on $name', ({ redis }) => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let gateway: RunningGateway;
  const feed = (query: string) => `${gateway.url}/api/v1/intelligence/?${query}`;
  /** Fetches a page and counts its items (without parsing megabytes of JSON), keeping nothing of it. */
  const read = async (query: string, items: number) => {
    const response = await fetch(feed(query));
    expect(response.status).toBe(200);
    expect(occurrences(Buffer.from(await response.arrayBuffer()), '"content":')).toBe(items);
  };

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres', redis, env: { GLOBAL_LIMIT_TIMES: '1000000', CACHE_MEMORY_MAX_BYTES: String(MEMORY_BUDGET) } });
    gateway = await startGateway(ctx);
    const token = await ctx.auth.sign({ sub: 'memory-agent', role: 'agent' }, '1h');
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
    await inPool(
      Array.from({ length: ITEMS }, (_, i) => async () => {
        const content = `Item ${i} under memory pressure. ${filler.repeat(CONTENT_CHARS / filler.length)}`.slice(0, CONTENT_CHARS);
        const response = await http(`${gateway.url}/api/v1/intelligence/`, { method: 'POST', token, json: { type: 'news', title: `Large item ${i}`, content, source: { name: 'memory test' } } });
        expect(response.status).toBe(201);
      }),
      CONCURRENCY,
    );
  }, 120_000);
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
  });

  it('keeps the heap and Redis within their documented bounds', async ({ annotate }) => {
    await read('size=100', ITEMS); // warms the code paths, so the baseline holds them already
    const heapBefore = await heapAfterGc();
    const redisBefore = redis ? (await redisUsage(ctx.config.CACHE_PREFIX)).bytes : 0;
    const counts = await cacheResults(ctx);

    const start = Date.UTC(2020, 0, 1);
    await inPool(
      [
        ...Array.from({ length: SINCE_REQUESTS }, (_, i) => () => read(`size=100&since=${new Date(start + i * 1000).toISOString()}`, ITEMS)),
        ...Array.from({ length: LARGE_KEYWORD_REQUESTS }, (_, i) => () => read(`size=100&keyword=${encodeURIComponent(`memory -large${i}`)}`, ITEMS)),
        ...Array.from({ length: CACHED_KEYWORD_REQUESTS }, (_, i) => () => read(`size=${CACHED_PAGE_SIZE}&keyword=${encodeURIComponent(`memory -cached${i}`)}`, CACHED_PAGE_SIZE)),
      ],
      CONCURRENCY,
    );

    const heapGrowth = (await heapAfterGc()) - heapBefore;
    const redisAfter = redis ? await redisUsage(ctx.config.CACHE_PREFIX) : { bytes: 0, withoutTtl: [] };
    const redisGrowth = redisAfter.bytes - redisBefore;
    const after = await cacheResults(ctx);
    const delta = (result: string) => (after[result] ?? 0) - (counts[result] ?? 0);
    await annotate(`heap growth after GC ${mb(heapGrowth)}; Redis growth under the prefix ${mb(redisGrowth)}; ${delta('uncached')} uncached, ${delta('too_large')} too large`);

    expect(delta('uncached')).toBe(SINCE_REQUESTS);
    expect(delta('too_large')).toBe(LARGE_KEYWORD_REQUESTS);
    expect(heapGrowth).toBeLessThan(HEAP_GROWTH_BOUND);
    expect(redisGrowth).toBeLessThan(REDIS_BOUND);
    // Every key expires, but the feed generation: one small counter that must outlive the pages it versions.
    if (redis) expect(redisAfter.withoutTtl).toEqual(['feed:generation']);
  }, 120_000);
});
