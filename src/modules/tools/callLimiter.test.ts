import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { redisOptions, whenReady } from '../../core/cache/redisCache.ts';
import { deleteRedisKeys, runId, services } from '../../../test/support/services.ts';
import { createMemoryCallLimiter, createRedisCallLimiter } from './callLimiter.ts';

const logger = pino({ level: 'silent' });
const MINUTE = 60_000;

describe('tool call limiter', () => {
  const prefix = `${runId('toolrl')}:`;
  const redis = new Redis(services.redisUrl, redisOptions(prefix, 1_000));
  beforeAll(() => whenReady(redis));
  afterAll(async () => {
    redis.disconnect();
    await deleteRedisKeys(prefix);
  });

  it('admits perMinute calls per client in a clock minute, then says when to retry', async () => {
    let now = 10 * MINUTE + 15_000;
    const limiter = createMemoryCallLimiter({ perMinute: 2, now: () => now });
    expect(await limiter.take('user:a')).toEqual({ allowed: true });
    expect(await limiter.take('user:a')).toEqual({ allowed: true });
    expect(await limiter.take('user:b')).toEqual({ allowed: true });
    expect(await limiter.take('user:a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    now += 45_000;
    expect(await limiter.take('user:a')).toEqual({ allowed: true });
  });

  it('shares the count between nodes through Redis', async () => {
    const now = () => 20 * MINUTE;
    const fallback = { take: () => Promise.reject(new Error('the fallback must not be used while Redis is up')) };
    const nodeA = createRedisCallLimiter(redis, { perMinute: 3, now }, fallback, logger);
    const nodeB = createRedisCallLimiter(redis, { perMinute: 3, now }, fallback, logger);
    const results = await Promise.all([nodeA, nodeB, nodeA, nodeB, nodeA].map((node) => node.take('user:shared')));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(await redis.pttl(`tools:rate:user:shared:20`)).toBeGreaterThan(0);
  });

  it('limits each node alone while Redis is unreachable', async () => {
    const dead = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    dead.on('error', () => {});
    const limiter = createRedisCallLimiter(dead, { perMinute: 1 }, createMemoryCallLimiter({ perMinute: 1 }), logger);
    expect(await limiter.take('user:c')).toEqual({ allowed: true });
    expect((await limiter.take('user:c')).allowed).toBe(false);
    dead.disconnect();
  });
});
