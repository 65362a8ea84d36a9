import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import { clans, scoreEvents, type ScoreEventRow } from './table.ts';

type NewScoreEvent = Omit<ScoreEventRow, 'recordedAt'>;

interface ClanScore {
  clanId: string;
  slug: string;
  score: number;
}

interface MemberTally {
  memberId: string;
  points: number;
  events: number;
  lastEventAt: Date | null;
}

/**
 * Score events and every total computed from them. Totals are sums over the
 * events, so the database is always the truth the Redis leaderboard is rebuilt from.
 */
export interface ScoreRepository {
  find(eventId: string): Promise<ScoreEventRow | undefined>;
  /** Inserts unless the event id exists; either way returns the stored event. */
  insert(event: NewScoreEvent): Promise<{ event: ScoreEventRow; created: boolean }>;
  /** Season totals of every clan that has scored, highest first (ties: slug, reverse alphabetical, as Redis orders them). */
  standings(seasonId: string, limit?: number): Promise<ClanScore[]>;
  /** The clan's season total and how many clans are strictly ahead; null when it has not scored. */
  standing(seasonId: string, clanId: string): Promise<{ score: number; ahead: number } | null>;
  recent(clanId: string, limit: number): Promise<ScoreEventRow[]>;
  warTotals(warId: string): Promise<Map<string, number>>;
  /** Season tallies of the clan's members who scored, highest first. */
  memberTallies(seasonId: string, clanId: string): Promise<MemberTally[]>;
  seasonsWithEvents(): Promise<string[]>;
}

export function createScoreRepository(db: Database): ScoreRepository {
  const d = db.drizzle;
  const total = sql<number>`sum(${scoreEvents.points})::int`;

  async function find(eventId: string) {
    const [row] = await d.select().from(scoreEvents).where(eq(scoreEvents.eventId, eventId)).limit(1);
    return row;
  }

  return {
    find,
    async insert(event) {
      const [inserted] = await d.insert(scoreEvents).values(event).onConflictDoNothing().returning();
      if (inserted) return { event: inserted, created: true };
      // Only a concurrent insert of the same id gets here; it has committed, so it is visible.
      const existing = await find(event.eventId);
      if (!existing) throw new Error(`score event ${event.eventId} vanished during insert`);
      return { event: existing, created: false };
    },
    async standings(seasonId, limit) {
      const query = d
        .select({ clanId: clans.id, slug: clans.slug, score: total })
        .from(scoreEvents)
        .innerJoin(clans, eq(clans.id, scoreEvents.clanId))
        .where(eq(scoreEvents.seasonId, seasonId))
        .groupBy(clans.id, clans.slug)
        .orderBy(desc(total), sql`${clans.slug} COLLATE "C" DESC`);
      return limit === undefined ? query : query.limit(limit);
    },
    async standing(seasonId, clanId) {
      const [mine] = await d
        .select({ score: total })
        .from(scoreEvents)
        .where(and(eq(scoreEvents.seasonId, seasonId), eq(scoreEvents.clanId, clanId)));
      if (mine?.score === null || mine?.score === undefined) return null;
      const totals = d
        .select({ score: total.as('score') })
        .from(scoreEvents)
        .where(eq(scoreEvents.seasonId, seasonId))
        .groupBy(scoreEvents.clanId)
        .as('totals');
      const [ahead] = await d
        .select({ n: sql<number>`count(*)::int` })
        .from(totals)
        .where(gt(totals.score, mine.score));
      return { score: mine.score, ahead: ahead?.n ?? 0 };
    },
    async recent(clanId, limit) {
      return d
        .select()
        .from(scoreEvents)
        .where(eq(scoreEvents.clanId, clanId))
        .orderBy(desc(scoreEvents.occurredAt), desc(scoreEvents.eventId))
        .limit(limit);
    },
    async warTotals(warId) {
      const rows = await d
        .select({ clanId: scoreEvents.clanId, score: total })
        .from(scoreEvents)
        .where(eq(scoreEvents.warId, warId))
        .groupBy(scoreEvents.clanId);
      return new Map(rows.map((r) => [r.clanId, r.score]));
    },
    async memberTallies(seasonId, clanId) {
      const rows = await d
        .select({
          memberId: scoreEvents.memberId,
          points: total,
          events: sql<number>`count(*)::int`,
          lastEventAt: sql<string>`max(${scoreEvents.occurredAt})`,
        })
        .from(scoreEvents)
        .where(
          and(
            eq(scoreEvents.seasonId, seasonId),
            eq(scoreEvents.clanId, clanId),
            sql`${scoreEvents.memberId} IS NOT NULL`,
          ),
        )
        .groupBy(scoreEvents.memberId)
        .orderBy(desc(total));
      return rows.map((r) => ({
        memberId: r.memberId!,
        points: r.points,
        events: r.events,
        lastEventAt: r.lastEventAt ? new Date(r.lastEventAt) : null,
      }));
    },
    async seasonsWithEvents() {
      const rows = await d.selectDistinct({ seasonId: scoreEvents.seasonId }).from(scoreEvents);
      return rows.map((r) => r.seasonId);
    },
  };
}
