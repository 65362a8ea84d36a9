import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import { startRedisServer } from '../../../test/support/redisServer.ts';
import type { AppContext } from '../../core/context.ts';
import { createClanModule, type ClanModule } from './index.ts';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('Clan Warz leaderboard through a Redis outage', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let ctx: AppContext;
  let clan: ClanModule;
  const board = async () => (await clan.queries.leaderboard('s1', 10)).entries.map((e) => [e.clan.slug, e.score]);
  const source = async () => (await clan.queries.leaderboard('s1', 10)).source;

  beforeAll(async () => {
    redis = await startRedisServer();
    ctx = await createTestContext({ redis: true, env: { CACHE_URL: redis.url, SLAVE_CACHE_URL: redis.url } });
    clan = createClanModule(ctx, () => NOW);
    await clan.prepare();
    await clan.admin.createSeason({
      id: 's1',
      name: 'S1',
      starts_at: '2026-03-01T00:00:00Z',
      ends_at: '2026-04-01T00:00:00Z',
    });
    await clan.admin.createClan({ slug: 'alpha', name: 'Alpha', members: [] });
    await clan.admin.createClan({ slug: 'bravo', name: 'Bravo', members: [] });
    await clan.admin.recordEvent('alpha', { event_id: 'e1', points: 10 });
  });
  afterAll(async () => {
    await ctx?.close();
    await redis?.stop();
  });

  it('keeps scoring and answering from the database while Redis is down, and repairs the set when it is back', async () => {
    expect(await board()).toEqual([['alpha', 10]]);
    expect(await source()).toBe('redis');
    await redis.stop();
    await clan.admin.recordEvent('bravo', { event_id: 'e2', points: 25 }); // its increment cannot reach Redis
    expect(await board()).toEqual([
      ['bravo', 25],
      ['alpha', 10],
    ]);
    expect(await source()).toBe('database'); // where it was read, not the leaderboard's kind
    await redis.restart(); // empty: the server kept nothing
    await expect.poll(() => ctx.redis!.ping().catch(() => 'down'), { timeout: 10_000 }).toBe('PONG');
    expect(await board()).toEqual([
      ['bravo', 25],
      ['alpha', 10],
    ]);
    expect(await ctx.redis!.zrevrange('clan:leaderboard:s1', 0, -1, 'WITHSCORES')).toEqual([
      'bravo',
      '25',
      'alpha',
      '10',
    ]);
    expect(await source()).toBe('redis');
  });

  it('rebuilds a set that Redis lost in a restart even when no increment failed', async () => {
    await redis.stop();
    await redis.restart();
    await expect.poll(() => ctx.redis!.ping().catch(() => 'down'), { timeout: 10_000 }).toBe('PONG');
    expect(await board()).toEqual([
      ['bravo', 25],
      ['alpha', 10],
    ]);
  });
});
