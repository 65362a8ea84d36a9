import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { createTestContext } from '../support/context.ts';
import { http } from '../support/gateway.ts';
import { services } from '../support/services.ts';
import { spawnGateway, type GatewayProcess } from '../stream/gatewayProcess.ts';

/**
 * The hostile pattern of issue 10: one client, within its rate limit, asks for
 * 100 large items again and again under keys that never repeat. The gateway
 * runs in its own process, so what is measured is its resident memory (RSS,
 * from its /metrics), which counts the strings and Buffers outside the V8 heap
 * too. The bounds asserted here are the ones README.md ("Caching") documents.
 */

const MiB = 1024 * 1024;
const ITEMS = 100;
/** Each item carries the largest content the ingest door accepts. */
const CONTENT_CHARS = 50_000;
/** Distinct `since` values, 100 items a page (about 5 MB each): not cached at all. */
const SINCE_REQUESTS = 100;
/** Distinct keywords, 100 items a page: over CACHE_MAX_VALUE_BYTES, so not cached. */
const LARGE_KEYWORD_REQUESTS = 40;
/** Distinct keywords, 18 items a page (about 0.9 MB): cached, together well over the in-process budget. */
const CACHED_KEYWORD_REQUESTS = 40;
const CACHED_PAGE_SIZE = 18;
const CONCURRENCY = 4;
/** Requests of the pattern run before the baseline is read, so it holds the working set of serving 5 MB pages four at a time. */
const WARM_UP_REQUESTS = 12;

/** The in-process cache's budget here (CACHE_MEMORY_MAX_BYTES, 64 MiB by default): small, so a short run overfills it. */
const MEMORY_BUDGET = 16 * MiB;
/**
 * RSS the run may add after the warm-up, each read after a full collection (collected): the in-process budget, plus
 * 64 MiB for what serving 5 MB pages four at a time leaves resident (allocator pages not returned; measured: -4 to
 * +43 MiB on either backend). The same run with CACHE_MEMORY_MAX_BYTES and CACHE_MAX_VALUE_BYTES at their maximums,
 * which keeps every keyword page (about 230 MB of JSON), grew RSS by 233 MiB in process, and Redis by 235 MiB.
 */
const RSS_GROWTH_BOUND = MEMORY_BUDGET + 64 * MiB;
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
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) await task();
    }),
  );
}

/** The node's /metrics: its resident memory and its feed cache's results. */
async function scrape(node: GatewayProcess): Promise<{ rss: number; feed: Record<string, number> }> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const feed: Record<string, number> = {};
  for (const [, labels, value] of text.matchAll(/^cache_requests_total\{([^}]*)\} (\S+)$/gm)) {
    if (!labels!.includes('cache="feed"')) continue;
    feed[/result="([^"]+)"/.exec(labels!)![1]!] = Number(value);
  }
  const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1]);
  return { rss, feed };
}

const collections = (node: GatewayProcess) => node.output().split('collected\n').length - 1;

/**
 * The node's /metrics once it has collected all garbage (test/support/collectOnSignal.ts): right after a burst of
 * 5 MB pages its RSS still holds garbage V8 has not collected, which made a single sample's growth anywhere from
 * -30 to +82 MiB from run to run; what a cache keeps stays resident through the collection.
 */
async function collected(node: GatewayProcess): Promise<{ rss: number; feed: Record<string, number> }> {
  const before = collections(node);
  node.child.kill('SIGUSR2');
  await vi.waitFor(() => expect(collections(node)).toBeGreaterThan(before), { timeout: 30_000 });
  return scrape(node);
}

function occurrences(body: Buffer, needle: string): number {
  let count = 0;
  for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Lets the test ask the node to collect its garbage before reading its memory (collected). */
const collectOnSignal = fileURLToPath(new URL('../support/collectOnSignal.ts', import.meta.url));

const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

describe.each(setups)('memory under hostile feed queries on $name', ({ redis }) => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let node: GatewayProcess;
  const feed = (query: string) => `${node.url}/api/v1/intelligence/?${query}`;
  /** Fetches a page and counts its items (without parsing megabytes of JSON), keeping nothing of it. */
  const read = async (query: string, items: number) => {
    const response = await fetch(feed(query));
    expect(response.status).toBe(200);
    expect(occurrences(Buffer.from(await response.arrayBuffer()), '"content":')).toBe(items);
  };

  beforeAll(async () => {
    // The test's context owns the schema, the key prefix and the dev keys (and removes them); the node is a process of its own on them.
    ctx = await createTestContext({ backend: 'postgres', redis });
    node = await spawnGateway(
      {
        DATABASE_URL: services.postgresUrl,
        DATABASE_SCHEMA: ctx.config.DATABASE_SCHEMA!,
        ...(redis && { CACHE_URL: services.redisUrl, CACHE_PREFIX: ctx.config.CACHE_PREFIX }),
        DATA_DIR: ctx.config.DATA_DIR,
        GLOBAL_LIMIT_TIMES: '1000000',
        CACHE_MEMORY_MAX_BYTES: String(MEMORY_BUDGET),
      },
      ['--expose-gc', '--import', collectOnSignal, 'src/cli/main.ts', 'serve', 'gateway'],
    );
    const token = await ctx.auth.sign({ sub: 'memory-agent', role: 'agent' }, '1h');
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
    await inPool(
      Array.from({ length: ITEMS }, (_, i) => async () => {
        const content = `Item ${i} under memory pressure. ${filler.repeat(CONTENT_CHARS / filler.length)}`.slice(
          0,
          CONTENT_CHARS,
        );
        const response = await http(`${node.url}/api/v1/intelligence/`, {
          method: 'POST',
          token,
          json: { type: 'news', title: `Large item ${i}`, content, source: { name: 'memory test' } },
        });
        expect(response.status).toBe(201);
      }),
      CONCURRENCY,
    );
  }, 120_000);
  afterAll(async () => {
    await node?.stop('SIGKILL');
    await ctx?.close();
  });

  it('keeps the process RSS and Redis within their documented bounds', async ({ annotate }) => {
    const start = Date.UTC(2020, 0, 1);
    const since = (i: number) => () => read(`size=100&since=${new Date(start + i * 1000).toISOString()}`, ITEMS);
    // Warm-up: the code paths and the working set of serving large pages concurrently, under keys the run does not use again.
    await inPool(
      [() => read('size=100', ITEMS), ...Array.from({ length: WARM_UP_REQUESTS }, (_, i) => since(-1 - i))],
      CONCURRENCY,
    );
    const before = await collected(node);
    const redisBefore = redis ? (await redisUsage(ctx.config.CACHE_PREFIX)).bytes : 0;

    await inPool(
      [
        ...Array.from({ length: SINCE_REQUESTS }, (_, i) => since(i)),
        ...Array.from(
          { length: LARGE_KEYWORD_REQUESTS },
          (_, i) => () => read(`size=100&keyword=${encodeURIComponent(`memory -large${i}`)}`, ITEMS),
        ),
        ...Array.from(
          { length: CACHED_KEYWORD_REQUESTS },
          (_, i) => () =>
            read(`size=${CACHED_PAGE_SIZE}&keyword=${encodeURIComponent(`memory -cached${i}`)}`, CACHED_PAGE_SIZE),
        ),
      ],
      CONCURRENCY,
    );

    const after = await collected(node);
    const rssGrowth = after.rss - before.rss;
    const redisAfter = redis ? await redisUsage(ctx.config.CACHE_PREFIX) : { bytes: 0, withoutTtl: [] };
    const redisGrowth = redisAfter.bytes - redisBefore;
    const delta = (result: string) => (after.feed[result] ?? 0) - (before.feed[result] ?? 0);
    await annotate(
      `RSS ${mb(before.rss)} → ${mb(after.rss)} (growth ${mb(rssGrowth)}); Redis growth under the prefix ${mb(redisGrowth)}; ${delta('uncached')} uncached, ${delta('too_large')} too large`,
    );

    expect(node.child.exitCode, node.output()).toBeNull();
    expect(delta('uncached')).toBe(SINCE_REQUESTS);
    expect(delta('too_large')).toBe(LARGE_KEYWORD_REQUESTS);
    expect(before.rss).toBeGreaterThan(0);
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_BOUND);
    expect(redisGrowth).toBeLessThan(REDIS_BOUND);
    // Every key expires, but the feed generation: one small counter that must outlive the pages it versions.
    if (redis) expect(redisAfter.withoutTtl).toEqual(['feed:generation']);
  }, 120_000);
});
