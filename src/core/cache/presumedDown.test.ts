import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { deleteRedisKeys, runId, services } from '../../../test/support/services.ts';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcpProxy.ts';
import { eventually } from '../../../test/stream/eventually.ts';
import type { Cache } from './cache.ts';
import { connectRedis, createRedisCache, whenReady } from './redisCache.ts';
import { PRESUMED_DOWN_MESSAGE, PRESUMED_DOWN_MS, presumedDownAfterTimeout } from './presumedDown.ts';

describe('Redis presumed down after a command timed out', () => {
  it('fails calls at once for a moment, without sending them, then tries again', async () => {
    let now = 0;
    const guard = presumedDownAfterTimeout(() => now);
    let sent = 0;
    const timingOut = () => {
      sent++;
      return Promise.reject(new Error('Command timed out'));
    };
    await expect(guard(timingOut)).rejects.toThrow('Command timed out');
    await expect(guard(timingOut)).rejects.toThrow(PRESUMED_DOWN_MESSAGE);
    expect(sent).toBe(1);
    now += PRESUMED_DOWN_MS;
    await expect(guard(async () => 'back')).resolves.toBe('back');
  });

  it('keeps an ordinary failure (Redis refusing) an ordinary failure', async () => {
    const guard = presumedDownAfterTimeout(() => 0);
    await expect(guard(() => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")))).rejects.toThrow(/enableOfflineQueue/);
    await expect(guard(async () => 'next')).resolves.toBe('next');
  });

  describe('on a real Redis behind a partition', () => {
    const prefix = `${runId('presumed')}:`;
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

    it('times out once, then fails fast until Redis answers again', async () => {
      await cache.set('k', 'v', 60_000);
      proxy.blackhole();
      await expect(cache.get('k')).rejects.toThrow('Command timed out');
      await expect(cache.get('k')).rejects.toThrow(PRESUMED_DOWN_MESSAGE);
      await expect(cache.incr('n')).rejects.toThrow(PRESUMED_DOWN_MESSAGE);
      proxy.restore();
      await eventually(async () => expect(await cache.get('k')).toBe('v'), 10_000);
    });
  });
});
