import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { redisOptions, whenReady } from '../cache/redisCache.ts';
import { deleteRedisKeys, runId, services } from '../../../test/support/services.ts';
import type { AppContext } from '../context.ts';
import { coalescingRedisStore } from './coalescingRateStore.ts';
import { countMoreRequests, globalRateLimit } from './rateLimit.ts';

const LIMIT = 10;

/** A bare app with the platform's global limit in front of one route, as a node of the gateway has it. */
async function limitedApp(redis: Redis | undefined, limit = LIMIT): Promise<FastifyInstance> {
  const ctx = { config: { GLOBAL_LIMIT_TIMES: limit, GLOBAL_LIMIT_SECONDS: 60 }, redis } as unknown as AppContext;
  const app = Fastify();
  await app.register(globalRateLimit, { ctx });
  app.get('/x', async () => ({ ok: true }));
  app.get('/batch', async (request) => ({ allowed: await countMoreRequests(app, request, 4) }));
  await app.ready();
  return app;
}

const get = (app: FastifyInstance, url = '/x', remoteAddress = '10.0.0.1') =>
  app.inject({ method: 'GET', url, remoteAddress });

describe('global rate limit through the coalescing Redis store', () => {
  const prefix = `${runId('rl')}:`;
  const redis = new Redis(services.redisUrl, redisOptions(prefix, 1_000));
  const otherNode = new Redis(services.redisUrl, redisOptions(prefix, 1_000));
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    await Promise.all([whenReady(redis), whenReady(otherNode)]);
    apps.push(await limitedApp(redis), await limitedApp(otherNode));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    redis.disconnect();
    otherNode.disconnect();
    await deleteRedisKeys(prefix);
  });

  it('admits exactly the limit of concurrent requests on one node, each with its own remaining count', async () => {
    const responses = await Promise.all(Array.from({ length: 3 * LIMIT }, () => get(apps[0]!)));
    const allowed = responses.filter((r) => r.statusCode === 200);
    expect(allowed).toHaveLength(LIMIT);
    expect(responses.filter((r) => r.statusCode === 429)).toHaveLength(2 * LIMIT);
    const remaining = allowed.map((r) => Number(r.headers['x-ratelimit-remaining'])).sort((a, b) => a - b);
    expect(remaining).toEqual(Array.from({ length: LIMIT }, (_, i) => i));
    expect(responses.find((r) => r.statusCode === 429)!.json().error.code).toBe('rate_limited');
  });

  it('admits exactly the limit across two nodes sharing Redis', async () => {
    const responses = await Promise.all(
      Array.from({ length: 4 * LIMIT }, (_, i) => get(apps[i % 2]!, '/x', '10.0.0.2')),
    );
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(LIMIT);
    expect(responses.filter((r) => r.statusCode === 429)).toHaveLength(3 * LIMIT);
  });

  it('starts a new window once the last one has expired', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await get(apps[0]!, '/x', '10.0.0.3')).statusCode).toBe(200);
    expect((await get(apps[1]!, '/x', '10.0.0.3')).statusCode).toBe(429);
    // End the window now rather than waiting out its minute.
    await redis.pexpire('rl:ip:10.0.0.3', 1);
    await vi.waitFor(async () => expect(await redis.exists('rl:ip:10.0.0.3')).toBe(0));
    const fresh = await get(apps[1]!, '/x', '10.0.0.3');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1));
    expect(await redis.pttl('rl:ip:10.0.0.3')).toBeGreaterThan(50_000);
  });

  it('counts the extra calls of a batch (countMoreRequests)', async () => {
    // One request plus four more: the second batch ends at 10, the third is over.
    expect((await get(apps[0]!, '/batch', '10.0.0.4')).json()).toEqual({ allowed: true });
    expect((await get(apps[1]!, '/batch', '10.0.0.4')).json()).toEqual({ allowed: true });
    expect((await get(apps[0]!, '/batch', '10.0.0.4')).statusCode).toBe(429);
    expect(await redis.get('rl:ip:10.0.0.4')).toBe('11');
  });

  it('adds the requests that arrive during a round trip in one, and forgets idle keys', async () => {
    const Store = coalescingRedisStore(redis, 'rl:direct:');
    const store = new Store({});
    const add = vi.spyOn(redis as unknown as { rateLimitAdd: () => unknown }, 'rateLimitAdd');
    const outcomes = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<{ current: number; ttl: number } | undefined>((resolve, reject) =>
            store.incr('k', (err, outcome) => (err ? reject(err) : resolve(outcome)), 60_000),
          ),
      ),
    );
    // The first goes at once; the other nineteen wait for it and go together.
    expect(add).toHaveBeenCalledTimes(2);
    add.mockRestore();
    expect(outcomes.map((o) => o!.current)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(store.size).toBe(0);
  });

  it('lets requests through when Redis is unreachable', async () => {
    const dead = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null });
    dead.on('error', () => {});
    const app = await limitedApp(dead, 1);
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => get(app)));
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect((await get(app, '/batch')).json()).toEqual({ allowed: true });
    } finally {
      await app.close();
      dead.disconnect();
    }
  });
});
