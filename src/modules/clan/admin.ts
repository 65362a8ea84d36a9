import { ConflictError, InvalidArgumentError, NotFoundError } from '../../core/domainErrors.ts';
import type { ClanRepository } from './repository.ts';
import type { ScoreRepository } from './scoreRepository.ts';
import type { Leaderboard } from './leaderboard.ts';
import type { ClanRow } from './table.ts';
import type { CreateClanInput, CreateSeasonInput, CreateWarInput, MemberInput, ScoreEventInput } from './schemas.ts';
import { covers, toClanView, toEventView, toMemberView, toSeasonView } from './views.ts';

const toMember = (m: MemberInput) => ({ handle: m.handle, displayName: m.display_name ?? null, role: m.role });

export interface ClanAdminDeps {
  clans: ClanRepository;
  scores: ScoreRepository;
  leaderboard: Leaderboard;
  now: () => Date;
}

/** The writes of Clan Warz (admin REST): every rule checked, every conflict a 409 naming the field. */
export function createClanAdmin({ clans, scores, leaderboard, now }: ClanAdminDeps) {
  async function clanOrFail(ref: string, field: string): Promise<ClanRow> {
    const clan = await clans.findClan(ref);
    if (!clan) throw new NotFoundError(`no clan ${ref}`, { field });
    return clan;
  }

  /** Same event id, same content: a replay. Same id, other content: a client bug worth a 409. */
  function assertReplay(
    stored: { clanId: string; points: number; memberId: string | null; occurredAt: Date },
    clan: ClanRow,
    input: ScoreEventInput,
    memberId: string | null,
  ) {
    const same =
      stored.clanId === clan.id &&
      stored.points === input.points &&
      stored.memberId === memberId &&
      (input.occurred_at === undefined || stored.occurredAt.getTime() === Date.parse(input.occurred_at));
    if (!same) {
      throw new ConflictError(`event ${input.event_id} was already recorded with other content`, { field: 'event_id' });
    }
  }

  return {
    async createClan(input: CreateClanInput) {
      if (await clans.findClan(input.slug)) throw new ConflictError(`${input.slug} is taken`, { field: 'slug' });
      if (await clans.findClan(input.name)) throw new ConflictError(`${input.name} is taken`, { field: 'name' });
      for (const [i, m] of input.members.entries()) {
        if (await clans.findMember(m.handle)) {
          throw new ConflictError(`${m.handle} already belongs to a clan`, { field: `members.${i}.handle` });
        }
      }
      const created = await clans.createClan(
        { slug: input.slug, name: input.name, tag: input.tag ?? null },
        input.members.map(toMember),
      );
      if (!created) {
        throw new ConflictError('the clan or one of its members was created concurrently; retry', { field: 'slug' });
      }
      return { ...toClanView(created.clan), members: created.members.map(toMemberView) };
    },

    async addMember(clanRef: string, input: MemberInput) {
      const clan = await clanOrFail(clanRef, 'id');
      const member = await clans.addMember(clan.id, toMember(input));
      if (!member) throw new ConflictError(`${input.handle} already belongs to a clan`, { field: 'handle' });
      return toMemberView(member);
    },

    async createSeason(input: CreateSeasonInput) {
      const startsAt = new Date(input.starts_at);
      const endsAt = new Date(input.ends_at);
      if (endsAt <= startsAt) throw new InvalidArgumentError('must be after starts_at', { field: 'ends_at' });
      const overlapping = await clans.overlappingSeason(startsAt, endsAt);
      if (overlapping) throw new ConflictError(`overlaps season ${overlapping.id}`, { field: 'starts_at' });
      const season = await clans.createSeason({ id: input.id, name: input.name, startsAt, endsAt });
      if (!season) throw new ConflictError(`season ${input.id} exists`, { field: 'id' });
      return toSeasonView(season);
    },

    async createWar(input: CreateWarInput) {
      const [a, b] = [await clanOrFail(input.clan_a, 'clan_a'), await clanOrFail(input.clan_b, 'clan_b')];
      if (a.id === b.id) throw new InvalidArgumentError('a clan cannot fight itself', { field: 'clan_b' });
      const startsAt = new Date(input.starts_at);
      const endsAt = new Date(input.ends_at);
      if (endsAt <= startsAt) throw new InvalidArgumentError('must be after starts_at', { field: 'ends_at' });
      const season = await clans.seasonAt(startsAt);
      if (!season || !covers(season, startsAt) || endsAt > season.endsAt) {
        throw new InvalidArgumentError('the war must lie within one season', { field: 'starts_at' });
      }
      if (await clans.warsOverlap([a.id, b.id], startsAt, endsAt)) {
        throw new ConflictError('one of the clans is already at war then', { field: 'starts_at' });
      }
      const war = await clans.createWar({ seasonId: season.id, clanAId: a.id, clanBId: b.id, startsAt, endsAt });
      return {
        id: war.id,
        season: season.id,
        clan_a: a.slug,
        clan_b: b.slug,
        starts_at: war.startsAt.toISOString(),
        ends_at: war.endsAt.toISOString(),
      };
    },

    async recordEvent(clanRef: string, input: ScoreEventInput) {
      const clan = await clanOrFail(clanRef, 'id');
      const member = input.member ? await clans.findMember(input.member) : undefined;
      if (input.member && member?.clanId !== clan.id) {
        throw new InvalidArgumentError(`${input.member} is not a member of ${clan.slug}`, { field: 'member' });
      }
      const memberId = member?.id ?? null;
      const existing = await scores.find(input.event_id);
      if (existing) {
        assertReplay(existing, clan, input, memberId);
        return { event: toEventView(existing, clan.slug, input.member ?? null), created: false };
      }
      const occurredAt = input.occurred_at ? new Date(input.occurred_at) : now();
      const season = await clans.seasonAt(occurredAt);
      if (!season || !covers(season, occurredAt)) {
        throw new InvalidArgumentError(`no season is running at ${occurredAt.toISOString()}`, { field: 'occurred_at' });
      }
      const war = input.war_id ? await clans.findWar(input.war_id) : await clans.warOf(clan.id, occurredAt);
      const inWar = war && (war.clanAId === clan.id || war.clanBId === clan.id) && covers(war, occurredAt);
      if (input.war_id && !inWar) {
        throw new InvalidArgumentError(
          `${clan.slug} is not fighting war ${input.war_id} at ${occurredAt.toISOString()}`,
          { field: 'war_id' },
        );
      }
      const { event, created } = await scores.insert({
        eventId: input.event_id,
        clanId: clan.id,
        memberId,
        seasonId: season.id,
        warId: inWar ? war.id : null,
        points: input.points,
        reason: input.reason ?? null,
        occurredAt,
      });
      if (created) await leaderboard.add(season.id, clan.slug, event.points);
      else assertReplay(event, clan, input, memberId);
      return { event: toEventView(event, clan.slug, input.member ?? null), created };
    },
  };
}

export type ClanAdmin = ReturnType<typeof createClanAdmin>;
