import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Backend } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { DomainError } from '../../core/domainErrors.ts';
import { statusOf } from '../../core/http/domainStatus.ts';
import { createClanModule, type ClanModule } from './index.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 2, d, hour)).toISOString();

/** The failure of a call as [the status HTTP answers it with, field]. */
async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return [statusOf(err), err.field];
  }
  throw new Error('expected a failure');
}

const setups: Array<{ backend: Backend; redis: boolean }> = [
  { backend: 'pglite', redis: false },
  { backend: 'postgres', redis: true },
];

describe.each(setups)('Clan Warz on $backend (redis leaderboard: $redis)', ({ backend, redis }) => {
  let ctx: AppContext;
  let clan: ClanModule;
  let warId: string;

  beforeAll(async () => {
    ctx = await createTestContext({ backend, redis });
    clan = createClanModule(ctx, () => NOW);
    await clan.prepare();
    const { admin } = clan;
    await admin.createSeason({ id: 's1', name: 'Season 1', starts_at: day(1, 0), ends_at: '2026-04-01T00:00:00Z' });
    await admin.createClan({
      slug: 'alpha',
      name: 'Alpha Wolves',
      tag: 'ALPH',
      members: [
        { handle: 'a1', role: 'leader' },
        { handle: 'a2', role: 'member' },
      ],
    });
    await admin.createClan({ slug: 'bravo', name: 'Bravo Bears', members: [{ handle: 'b1', role: 'leader' }] });
    await admin.createClan({ slug: 'charlie', name: 'Charlie Cats', members: [{ handle: 'c1', role: 'leader' }] });
    warId = (
      await admin.createWar({ clan_a: 'alpha', clan_b: 'Bravo Bears', starts_at: day(8, 0), ends_at: day(15, 0) })
    ).id;
    await admin.recordEvent('alpha', { event_id: 'e1', points: 100, member: 'a1', occurred_at: day(2) });
    await admin.recordEvent('alpha', { event_id: 'e2', points: 50, member: 'a2', occurred_at: day(9) });
    await admin.recordEvent('bravo', { event_id: 'e3', points: 120, member: 'b1', occurred_at: day(9) });
    await admin.recordEvent('charlie', { event_id: 'e4', points: 200, member: 'c1', occurred_at: day(5) });
    await admin.recordEvent('bravo', { event_id: 'e5', points: 30 }); // now: during the war
  });
  afterAll(() => ctx?.close());

  it('ranks clans by season score; tied clans share a rank', async () => {
    const board = await clan.queries.leaderboard(undefined, 10);
    expect(board.source).toBe(redis ? 'redis' : 'database');
    expect(board.season.id).toBe('s1');
    expect(board.entries.map((e) => [e.rank, e.clan.slug, e.score])).toEqual([
      [1, 'charlie', 200],
      [2, 'bravo', 150],
      [2, 'alpha', 150],
    ]);
    expect((await clan.queries.leaderboard('s1', 1)).entries).toHaveLength(1);
  });

  it('looks a clan up by slug, name or id with its rank, recent events and war', async () => {
    const byName = await clan.queries.scoreLookup('alpha wolves');
    expect(byName).toMatchObject({ score: 150, rank: 2, members: 2, clan: { slug: 'alpha', tag: 'ALPH' } });
    expect(byName.recent_events.map((e) => [e.event_id, e.member, e.war_id])).toEqual([
      ['e2', 'a2', warId],
      ['e1', 'a1', null],
    ]);
    expect(byName.war?.id).toBe(warId);
    expect((await clan.queries.scoreLookup(byName.clan.id)).score).toBe(150);
  });

  it('reports a war: status, war scores (events during it only), leader and margin', async () => {
    const { war } = await clan.queries.warStatus({ clan: 'alpha' });
    expect(war).toMatchObject({ id: warId, status: 'active', leader: 'bravo', margin: 100, season: 's1' });
    expect(war.clans).toEqual([
      { slug: 'alpha', name: 'Alpha Wolves', score: 50 },
      { slug: 'bravo', name: 'Bravo Bears', score: 150 },
    ]);
    expect(await clan.queries.warStatus({ war_id: warId })).toEqual({ war });
    expect(await clan.queries.warStatus({})).toEqual({ war }); // the one war running now
  });

  it('gives a member’s points, events, rank in the clan and share', async () => {
    expect(await clan.queries.memberStats('A2')).toMatchObject({
      points: 50,
      events: 1,
      rank_in_clan: 2,
      share_of_clan_pct: 33.33,
      last_event_at: day(9),
    });
    expect(await clan.queries.memberStats('a1')).toMatchObject({
      points: 100,
      rank_in_clan: 1,
      member: { role: 'leader' },
      clan: { slug: 'alpha' },
    });
  });

  it('records an event once: a replay changes nothing, other content under the same id is a conflict', async () => {
    const replay = await clan.admin.recordEvent('alpha', {
      event_id: 'e1',
      points: 100,
      member: 'a1',
      occurred_at: day(2),
    });
    expect(replay.created).toBe(false);
    expect((await clan.queries.scoreLookup('alpha')).score).toBe(150);
    expect(await failure(clan.admin.recordEvent('alpha', { event_id: 'e1', points: 999, member: 'a1' }))).toEqual([
      409,
      'event_id',
    ]);
  });

  it('rejects events that break the rules, naming the field', async () => {
    expect(await failure(clan.admin.recordEvent('alpha', { event_id: 'x1', points: 5, member: 'b1' }))).toEqual([
      400,
      'member',
    ]);
    expect(
      await failure(
        clan.admin.recordEvent('alpha', { event_id: 'x2', points: 5, occurred_at: '2025-01-01T00:00:00Z' }),
      ),
    ).toEqual([400, 'occurred_at']);
    expect(await failure(clan.admin.recordEvent('charlie', { event_id: 'x3', points: 5, war_id: warId }))).toEqual([
      400,
      'war_id',
    ]);
    expect(await failure(clan.admin.recordEvent('nobody', { event_id: 'x4', points: 5 }))).toEqual([404, 'id']);
  });

  it('refuses taken names and handles, overlapping seasons and double wars', async () => {
    expect(await failure(clan.admin.createClan({ slug: 'alpha', name: 'Other', members: [] }))).toEqual([409, 'slug']);
    expect(await failure(clan.admin.createClan({ slug: 'other', name: 'ALPHA WOLVES', members: [] }))).toEqual([
      409,
      'name',
    ]);
    expect(
      await failure(
        clan.admin.createClan({ slug: 'other', name: 'Other', members: [{ handle: 'b1', role: 'member' }] }),
      ),
    ).toEqual([409, 'members.0.handle']);
    expect(
      await failure(
        clan.admin.createSeason({ id: 's2', name: 'S2', starts_at: day(20), ends_at: '2026-05-01T00:00:00Z' }),
      ),
    ).toEqual([409, 'starts_at']);
    expect(
      await failure(clan.admin.createWar({ clan_a: 'charlie', clan_b: 'alpha', starts_at: day(14), ends_at: day(20) })),
    ).toEqual([409, 'starts_at']);
    expect(
      await failure(
        clan.admin.createWar({ clan_a: 'charlie', clan_b: 'charlie', starts_at: day(20), ends_at: day(21) }),
      ),
    ).toEqual([400, 'clan_b']);
    expect(
      await failure(
        clan.admin.createWar({
          clan_a: 'charlie',
          clan_b: 'bravo',
          starts_at: day(30),
          ends_at: '2026-04-03T00:00:00Z',
        }),
      ),
    ).toEqual([400, 'starts_at']);
  });

  it('answers unknown clans, members, wars and seasons with a 404 naming the field', async () => {
    expect(await failure(clan.queries.scoreLookup('nobody'))).toEqual([404, 'clan']);
    expect(await failure(clan.queries.memberStats('ghost'))).toEqual([404, 'member']);
    expect(await failure(clan.queries.warStatus({ war_id: '00000000-0000-4000-8000-000000000000' }))).toEqual([
      404,
      'war_id',
    ]);
    expect(await failure(clan.queries.warStatus({ clan: 'charlie' }))).toEqual([404, 'clan']);
    expect(await failure(clan.queries.leaderboard('s9', 10))).toEqual([404, 'season']);
  });

  it('asks which clan when several wars run now', async () => {
    await clan.admin.createClan({ slug: 'delta', name: 'Delta Dogs', members: [] });
    await clan.admin.createWar({ clan_a: 'charlie', clan_b: 'delta', starts_at: day(9, 0), ends_at: day(12, 0) });
    await expect(clan.queries.warStatus({})).rejects.toMatchObject({
      field: 'clan',
      message: 'clan: several wars are running (alpha vs bravo, charlie vs delta): give one clan',
    });
    expect((await clan.queries.warStatus({ clan: 'delta' })).war.clans.map((c) => c.slug)).toEqual([
      'charlie',
      'delta',
    ]);
  });

  it.runIf(redis)('rebuilds the Redis leaderboard from the database at start', async () => {
    await ctx.redis!.del('clan:leaderboard:s1');
    await ctx.redis!.zadd('clan:leaderboard:s1', 9999, 'charlie');
    const restarted = createClanModule(ctx, () => NOW);
    await restarted.prepare();
    expect((await restarted.queries.leaderboard('s1', 10)).entries.map((e) => [e.clan.slug, e.score])).toEqual([
      ['charlie', 200],
      ['bravo', 150],
      ['alpha', 150],
    ]);
  });
});
