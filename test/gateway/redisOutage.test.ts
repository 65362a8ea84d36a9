import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import { startRedisServer } from '../support/redisServer.ts';
import { runId, services } from '../support/services.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createIntelligence } from '../support/modules.ts';

const cacheHits = async (ctx: AppContext) =>
  (await ctx.metrics.cacheRequests.get()).values
    .filter((v) => v.labels.result === 'hit')
    .reduce((sum, v) => sum + v.value, 0);

describe('Redis going away and coming back', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let ctx: AppContext;
  let gateway: RunningGateway;

  beforeAll(async () => {
    redis = await startRedisServer();
    ctx = await createTestContext({ backend: 'postgres', env: { CACHE_URL: redis.url, GLOBAL_LIMIT_TIMES: '100000' } });
    // Seeded before the gateway listens: building and storing the demo blocks the event loop (PGlite runs on
    // it), and the gateway's load shedding would rightly answer the first requests after that 503.
    await (await createIntelligence(ctx)).seedDemo(60);
    gateway = await startGateway(ctx);
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
    await redis?.stop();
  });

  it('serves every request from the database while Redis is down, then caches again', async () => {
    const pages = Array.from({ length: 20 }, (_, i) => `${gateway.url}/api/v1/intelligence/?size=${i + 1}`);
    const failures: number[] = [];
    const load = async (rounds: number) => {
      for (let round = 0; round < rounds; round++) {
        const statuses = await Promise.all(
          pages.map((url) =>
            fetch(url).then(
              (r) => r.status,
              () => 0,
            ),
          ),
        );
        failures.push(...statuses.filter((s) => s !== 200));
      }
    };

    await load(3);
    const traffic = load(30); // keeps going while Redis is killed
    await redis.stop();
    await traffic;
    await load(3);
    expect(failures).toEqual([]);

    const degraded = await http(`${gateway.url}/health`);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({
      status: 'degraded',
      services: { cache: { status: 'down' }, database: { status: 'up' } },
    });

    await redis.restart();
    await expect
      .poll(async () => (await http(`${gateway.url}/health`)).body.status, { timeout: 15_000, interval: 200 })
      .toBe('healthy');
    const hitsBefore = await cacheHits(ctx);
    // Caching resumes on its own: a couple of rounds refill Redis and are then served from it.
    await expect
      .poll(
        async () => {
          await load(1);
          return cacheHits(ctx);
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBeGreaterThan(hitsBefore);
    expect(failures).toEqual([]);
  });
});

/**
 * A partition (packets dropped, not refused) between a node and Redis: the
 * rate limit asks Redis on every request, and fails open. Only requests sent
 * before the node gives the silent connection up may wait for a command
 * timeout; after that none does, for as long as the partition lasts.
 */
describe('rate-limited requests while Redis is black-holed', () => {
  const commandTimeoutMs = 1_000;
  const clients = 4;
  const requestsEach = 15;
  let proxy: TcpProxy;
  let ctx: AppContext;
  let gateway: RunningGateway;

  beforeAll(async () => {
    const redis = new URL(services.redisUrl);
    proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    ctx = await createTestContext({
      env: {
        CACHE_URL: `redis://127.0.0.1:${proxy.port}`,
        CACHE_PREFIX: `${runId('blackhole')}:`,
        CACHE_COMMAND_TIMEOUT_MS: String(commandTimeoutMs),
      },
    });
    gateway = await startGateway(ctx);
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
    await proxy?.close();
  });

  /** One request to a rate-limited route that needs nothing but the rate limit from Redis. */
  const ask = async () => {
    const started = performance.now();
    const status = await fetch(`${gateway.url}/`, { signal: AbortSignal.timeout(10 * commandTimeoutMs) }).then(
      (r) => r.status,
      () => 0,
    );
    return { status, waitedForRedis: performance.now() - started >= commandTimeoutMs };
  };
  const limitedThroughRedis = async () => (await fetch(`${gateway.url}/`)).headers.has('x-ratelimit-remaining');

  it('answers every request, and only the first few of each client wait for a command timeout', async () => {
    expect(await limitedThroughRedis()).toBe(true);
    proxy.blackhole();
    const answers = (
      await Promise.all(
        Array.from({ length: clients }, async () => {
          const mine = [];
          for (let i = 0; i < requestsEach; i++) mine.push(await ask());
          return mine;
        }),
      )
    ).flat();
    proxy.restore();

    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    // Each client's requests within two command timeouts of the partition (src/core/cache/redisCache.ts), and one more caught by the socket's destruction.
    expect(answers.filter((a) => a.waitedForRedis).length).toBeLessThanOrEqual(clients * 3);
    await vi.waitFor(async () => expect(await limitedThroughRedis()).toBe(true), { timeout: 15_000, interval: 25 });
  });
});
