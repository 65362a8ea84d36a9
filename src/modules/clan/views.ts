import type { ClanRow, MemberRow, ScoreEventRow, SeasonRow, WarRow } from './table.ts';

export const toClanView = (c: ClanRow) => ({ id: c.id, slug: c.slug, name: c.name, tag: c.tag });

export const toMemberView = (m: MemberRow) => ({
  handle: m.handle,
  display_name: m.displayName,
  role: m.role,
  joined_at: m.joinedAt.toISOString(),
});

export const toSeasonView = (s: SeasonRow) => ({
  id: s.id,
  name: s.name,
  starts_at: s.startsAt.toISOString(),
  ends_at: s.endsAt.toISOString(),
});

export const toEventView = (e: ScoreEventRow, clanSlug: string, memberHandle: string | null) => ({
  event_id: e.eventId,
  clan: clanSlug,
  member: memberHandle,
  season: e.seasonId,
  war_id: e.warId,
  points: e.points,
  reason: e.reason,
  occurred_at: e.occurredAt.toISOString(),
});

export const covers = (span: { startsAt: Date; endsAt: Date }, time: Date) =>
  span.startsAt <= time && time < span.endsAt;

/** Where a war stands at `now`: its two clans with their war scores, who leads and by how much. */
export function toWarView(war: WarRow, sides: [ClanRow, ClanRow], totals: Map<string, number>, now: Date) {
  const clans = sides.map((c) => ({ slug: c.slug, name: c.name, score: totals.get(c.id) ?? 0 }));
  const [a, b] = clans as [(typeof clans)[0], (typeof clans)[0]];
  return {
    id: war.id,
    season: war.seasonId,
    status:
      now < war.startsAt ? ('scheduled' as const) : now < war.endsAt ? ('active' as const) : ('finished' as const),
    starts_at: war.startsAt.toISOString(),
    ends_at: war.endsAt.toISOString(),
    clans,
    leader: a.score === b.score ? null : a.score > b.score ? a.slug : b.slug,
    margin: Math.abs(a.score - b.score),
  };
}
