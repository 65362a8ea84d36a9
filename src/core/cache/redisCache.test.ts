import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { deleteRedisKeys, runId, services } from '../../../test/support/services.ts';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcpProxy.ts';
import type { Cache } from './cache.ts';
import { connectRedis, createRedisCache, whenReady } from './redisCache.ts';

/**
 * A partition drops packets instead of refusing them, so the socket stays open
 * and, without more, every command would wait out its timeout for as long as
 * the partition lasts.
 */
describe('a Redis connection through a partition', () => {
  const prefix = `${runId('partition')}:`;
  const redis = new URL(services.redisUrl);
  let proxy: TcpProxy;
  let cache: Cache;

  beforeAll(async () => {
    proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    const client = connectRedis(`redis://127.0.0.1:${proxy.port}`, prefix, 200, pino({ level: 'silent' }), 'test');
    await whenReady(client);
    cache = createRedisCache(client, client);
  });
  afterAll(async () => {
    await cache?.close();
    await proxy?.close();
    await deleteRedisKeys(prefix);
  });

  it('times out a few commands, then fails the rest at once without sending them, until Redis answers again', async () => {
    await cache.set('k', 'v', 60_000);
    proxy.blackhole();
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++)
      outcomes.push(
        await cache.get('k').then(
          () => 'answered',
          (err: Error) => err.message,
        ),
      );

    expect(outcomes.every((outcome) => outcome !== 'answered')).toBe(true);
    // The commands sent before the silent socket was destroyed (two command timeouts), and at most one caught by the destruction itself.
    expect(outcomes.filter((outcome) => outcome === 'Command timed out').length).toBeLessThanOrEqual(3);
    // Not sent at all: the connection is not ready while Redis does not answer.
    expect(outcomes.at(-1)).toMatch(/enableOfflineQueue options is false$/);

    proxy.restore();
    await vi.waitFor(async () => expect(await cache.get('k')).toBe('v'), { timeout: 10_000, interval: 25 });
  });
});
