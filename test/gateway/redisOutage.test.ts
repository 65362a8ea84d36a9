import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import { startRedisServer } from '../support/redisServer.ts';
import type { AppContext } from '../../src/core/context.ts';
import { seedDemo } from '../../src/modules/intelligence/demo.ts';

const cacheHits = async (ctx: AppContext) =>
  (await ctx.metrics.cacheRequests.get()).values.filter((v) => v.labels.result === 'hit').reduce((sum, v) => sum + v.value, 0);

describe('Redis going away and coming back', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let ctx: AppContext;
  let gateway: RunningGateway;

  beforeAll(async () => {
    redis = await startRedisServer();
    ctx = await createTestContext({ backend: 'postgres', env: { CACHE_URL: redis.url, GLOBAL_LIMIT_TIMES: '100000' } });
    gateway = await startGateway(ctx);
    await seedDemo(gateway.platform.intelligence.repository, 60);
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
        const statuses = await Promise.all(pages.map((url) => fetch(url).then((r) => r.status, () => 0)));
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
    expect(degraded.body).toMatchObject({ status: 'degraded', services: { cache: { status: 'down' }, database: { status: 'up' } } });

    await redis.restart();
    await expect.poll(async () => (await http(`${gateway.url}/health`)).body.status, { timeout: 15_000, interval: 200 }).toBe('healthy');
    const hitsBefore = await cacheHits(ctx);
    // Caching resumes on its own: a couple of rounds refill Redis and are then served from it.
    await expect
      .poll(async () => (await load(1), cacheHits(ctx)), { timeout: 30_000, interval: 100 })
      .toBeGreaterThan(hitsBefore);
    expect(failures).toEqual([]);
  });
});
