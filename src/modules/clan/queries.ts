import { InvalidArgumentError, NotFoundError } from '../../core/domainErrors.ts';
import type { ClanRepository } from './repository.ts';
import type { ScoreRepository } from './scoreRepository.ts';
import type { Leaderboard } from './leaderboard.ts';
import type { ClanRow, SeasonRow, WarRow } from './table.ts';
import { toClanView, toEventView, toMemberView, toSeasonView, toWarView } from './views.ts';

const RECENT_EVENTS = 10;
/** Running wars named in the error asking which one. */
const RUNNING_WARS_NAMED = 5;

export interface ClanQueryDeps {
  clans: ClanRepository;
  scores: ScoreRepository;
  leaderboard: Leaderboard;
  now: () => Date;
}

/** The reads behind the clan tools. */
export function createClanQueries({ clans, scores, leaderboard, now }: ClanQueryDeps) {
  async function clanOrFail(ref: string, field = 'clan'): Promise<ClanRow> {
    const clan = await clans.findClan(ref);
    if (!clan) throw new NotFoundError(`no clan ${ref}`, { field });
    return clan;
  }

  /** The named season, or the one running now (else the latest to have started). */
  async function seasonOrFail(id?: string): Promise<SeasonRow> {
    const season = id ? await clans.findSeason(id) : await clans.seasonAt(now());
    if (!season) {
      throw new NotFoundError(id ? `no season ${id}` : 'no season has been created yet', { field: 'season' });
    }
    return season;
  }

  async function warStatusOf(war: WarRow) {
    const [a, b] = await Promise.all([clans.findClan(war.clanAId), clans.findClan(war.clanBId)]);
    return toWarView(war, [a!, b!], await scores.warTotals(war.id), now());
  }

  /** The war running now; when none runs, the latest to have started (else the next); several running: 400 naming them. */
  async function theWarNow(): Promise<WarRow> {
    const running = await clans.warsAt(now(), RUNNING_WARS_NAMED + 1);
    if (running.length > 1) {
      const named = await Promise.all(
        running.slice(0, RUNNING_WARS_NAMED).map(async (war) => {
          const [a, b] = await Promise.all([clans.findClan(war.clanAId), clans.findClan(war.clanBId)]);
          return `${a!.slug} vs ${b!.slug}`;
        }),
      );
      const more = running.length > RUNNING_WARS_NAMED ? ', …' : '';
      throw new InvalidArgumentError(`several wars are running (${named.join(', ')}${more}): give one clan`, {
        field: 'clan',
      });
    }
    const war = running[0] ?? (await clans.latestWar(now()));
    if (!war) throw new NotFoundError('no war has been declared yet', { field: 'clan' });
    return war;
  }

  return {
    async scoreLookup(clanRef: string, seasonId?: string) {
      const clan = await clanOrFail(clanRef);
      const season = await seasonOrFail(seasonId);
      const [standing, members, recent, war] = await Promise.all([
        leaderboard.standing(season.id, clan),
        clans.membersOf(clan.id),
        scores.recent(clan.id, RECENT_EVENTS),
        clans.warOf(clan.id, now()),
      ]);
      const handles = new Map(members.map((m) => [m.id, m.handle]));
      return {
        clan: toClanView(clan),
        season: toSeasonView(season),
        score: standing?.score ?? 0,
        rank: standing ? standing.ahead + 1 : null,
        members: members.length,
        recent_events: recent.map((e) =>
          toEventView(e, clan.slug, e.memberId ? (handles.get(e.memberId) ?? null) : null),
        ),
        war: war ? await warStatusOf(war) : null,
      };
    },

    async leaderboard(seasonId: string | undefined, limit: number) {
      const season = await seasonOrFail(seasonId);
      const { source, entries: top } = await leaderboard.top(season.id, limit);
      const bySlug = new Map((await clans.clansBySlugs(top.map((e) => e.slug))).map((c) => [c.slug, c]));
      // Competition ranking: tied clans share a rank and the next rank skips.
      const entries = top.map((entry, i) => ({
        rank: i + 1,
        clan: toClanView(bySlug.get(entry.slug)!),
        score: entry.score,
      }));
      for (let i = 1; i < entries.length; i++)
        if (entries[i]!.score === entries[i - 1]!.score) entries[i]!.rank = entries[i - 1]!.rank;
      return { season: toSeasonView(season), source, entries };
    },

    /** By war id, by clan (its running, else latest, else next war), or neither: the one war running now. */
    async warStatus(query: { war_id?: string; clan?: string }) {
      if (query.war_id) {
        const war = await clans.findWar(query.war_id);
        if (!war) throw new NotFoundError(`no war ${query.war_id}`, { field: 'war_id' });
        return { war: await warStatusOf(war) };
      }
      if (query.clan === undefined) return { war: await warStatusOf(await theWarNow()) };
      const clan = await clanOrFail(query.clan);
      const war = await clans.warOf(clan.id, now());
      if (!war) throw new NotFoundError(`${clan.slug} has never been at war`, { field: 'clan' });
      return { war: await warStatusOf(war) };
    },

    async memberStats(handle: string, seasonId?: string) {
      const member = await clans.findMember(handle);
      if (!member) throw new NotFoundError(`no member ${handle}`, { field: 'member' });
      const [clan, season] = await Promise.all([clans.findClan(member.clanId), seasonOrFail(seasonId)]);
      const tallies = await scores.memberTallies(season.id, member.clanId);
      const mine = tallies.find((t) => t.memberId === member.id);
      const clanPoints = tallies.reduce((sum, t) => sum + t.points, 0);
      return {
        member: toMemberView(member),
        clan: toClanView(clan!),
        season: toSeasonView(season),
        points: mine?.points ?? 0,
        events: mine?.events ?? 0,
        rank_in_clan: mine ? tallies.filter((t) => t.points > mine.points).length + 1 : null,
        share_of_clan_pct: mine && clanPoints > 0 ? Math.round((mine.points / clanPoints) * 10_000) / 100 : 0,
        last_event_at: mine?.lastEventAt?.toISOString() ?? null,
      };
    },
  };
}

export type ClanQueries = ReturnType<typeof createClanQueries>;
