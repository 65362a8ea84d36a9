import { pino } from 'pino';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { connectRedis, whenReady } from '../../src/core/cache/redisCache.ts';
import { createMemoryChatLimits, type ChatLimits } from '../../src/modules/chat/limits.ts';
import { createRedisChatLimits } from '../../src/modules/chat/redisLimits.ts';
import { startRedisServer } from '../support/redisServer.ts';
import { deleteRedisKeys, runId, services } from '../support/services.ts';

const logger = pino({ level: 'silent' });
const settings = { ratePerMinute: 3, concurrency: 2, slotTtlMs: 60_000, now: () => 60_000 * 7 + 30_000 };

/** Two gateways: each its own Redis connection and fallback, one shared key prefix. */
async function twoNodes(url: string, prefix: string, limits = settings) {
  const clients = [connectRedis(url, prefix, 1_000, logger, 'a'), connectRedis(url, prefix, 1_000, logger, 'b')];
  const ready = () => Promise.all(clients.map((c) => whenReady(c, 5_000)));
  await ready();
  const [a, b] = clients.map((redis) =>
    createRedisChatLimits(redis, limits, createMemoryChatLimits(limits), logger),
  ) as [ChatLimits, ChatLimits];
  return {
    a,
    b,
    ready,
    close: () => {
      for (const c of clients) c.disconnect();
    },
  };
}

async function admissions(limits: ChatLimits, user: string, count: number, release = true) {
  const admitted: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const admission = await limits.admit(user);
    if (admission.admitted && release) await admission.release();
    admitted.push(admission.admitted);
  }
  return admitted;
}

describe('chat limits shared through Redis', () => {
  const prefix = `${runId('chat')}:`;
  const nodes = twoNodes(services.redisUrl, prefix);
  afterAll(async () => {
    (await nodes).close();
    await deleteRedisKeys(prefix);
  });

  it('counts one user’s messages across both nodes, per user', async () => {
    const { a, b } = await nodes;
    expect([...(await admissions(a, 'rate-ann', 2)), ...(await admissions(b, 'rate-ann', 2))]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(await b.admit('rate-ann')).toMatchObject({ reason: 'rate', retryAfterSeconds: 30 });
    expect(await admissions(a, 'rate-bob', 1)).toEqual([true]);
  });

  it('holds the concurrency limit across nodes and frees slots on release', async () => {
    const { a, b, close } = await twoNodes(services.redisUrl, prefix, { ...settings, ratePerMinute: 100 });
    onTestFinished(close);
    const first = await a.admit('busy-ann');
    expect(await admissions(b, 'busy-ann', 1, false)).toEqual([true]);
    expect(await a.admit('busy-ann')).toMatchObject({ admitted: false, reason: 'concurrency' });
    if (!first.admitted) return expect.fail('the first message should be admitted');
    await first.release();
    expect(await admissions(b, 'busy-ann', 1)).toEqual([true]);
  });

  it('spends none of the minute on a message refused for concurrency, and gives back the slot of one refused for rate', async () => {
    const { a, b, close } = await twoNodes(services.redisUrl, prefix, { ...settings, concurrency: 1 });
    onTestFinished(close);
    const running = await a.admit('queued-ann');
    if (!running.admitted) return expect.fail('the first message should be admitted');
    expect(await admissions(b, 'queued-ann', 4, false)).toEqual([false, false, false, false]);
    await running.release();
    // The two left of the three this minute, though four were refused meanwhile.
    expect(await admissions(b, 'queued-ann', 3)).toEqual([true, true, false]);
    // Refused for rate, the message gave its slot back: the next refusal is for rate again, not concurrency.
    expect(await a.admit('queued-ann')).toMatchObject({ reason: 'rate' });
  });
});

describe('chat limits while Redis is down', () => {
  it('limits each node on its own during the outage and shares the limits again once Redis is back', async () => {
    const redis = await startRedisServer();
    const nodes = await twoNodes(redis.url, `${runId('chat')}:`);
    try {
      await redis.stop();
      expect(await admissions(nodes.a, 'ann', 4, false)).toEqual([true, true, false, false]); // node a's own concurrency limit of 2
      expect(await admissions(nodes.b, 'ann', 1, false)).toEqual([true]); // node b counts for itself
      await redis.restart();
      await nodes.ready();
      expect([...(await admissions(nodes.a, 'cy', 2)), ...(await admissions(nodes.b, 'cy', 2))]).toEqual([
        true,
        true,
        true,
        false,
      ]);
    } finally {
      nodes.close();
      await redis.stop();
    }
  });
});
