import { and, asc, desc, eq, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import {
  clanMembers,
  clans,
  seasons,
  wars,
  type ClanRow,
  type MemberRow,
  type SeasonRow,
  type WarRow,
} from './table.ts';

type NewClan = Pick<ClanRow, 'slug' | 'name' | 'tag'>;
type NewMember = Pick<MemberRow, 'handle' | 'displayName' | 'role'>;
type NewSeason = Pick<SeasonRow, 'id' | 'name' | 'startsAt' | 'endsAt'>;
type NewWar = Pick<WarRow, 'seasonId' | 'clanAId' | 'clanBId' | 'startsAt' | 'endsAt'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Clans, members, seasons and wars; score events live in the score repository. */
export interface ClanRepository {
  /** Inserts the clan and its members together; null when the slug, the name or a handle is taken. */
  createClan(clan: NewClan, members: NewMember[]): Promise<{ clan: ClanRow; members: MemberRow[] } | null>;
  /** By id, slug or name (any case). */
  findClan(ref: string): Promise<ClanRow | undefined>;
  clansBySlugs(slugs: string[]): Promise<ClanRow[]>;
  clanCount(): Promise<number>;
  /** Null when the handle is taken. */
  addMember(clanId: string, member: NewMember): Promise<MemberRow | null>;
  findMember(handle: string): Promise<MemberRow | undefined>;
  membersOf(clanId: string): Promise<MemberRow[]>;
  /** Null when the id is taken. */
  createSeason(season: NewSeason): Promise<SeasonRow | null>;
  findSeason(id: string): Promise<SeasonRow | undefined>;
  seasons(): Promise<SeasonRow[]>;
  /** The season running at `time`, else the latest one to have started, else the first to come. */
  seasonAt(time: Date): Promise<SeasonRow | undefined>;
  /** A season sharing any instant with [startsAt, endsAt). */
  overlappingSeason(startsAt: Date, endsAt: Date): Promise<SeasonRow | undefined>;
  createWar(war: NewWar): Promise<WarRow>;
  findWar(id: string): Promise<WarRow | undefined>;
  /** The clan's war running at `time`, else its latest war to have started, else its next one. */
  warOf(clanId: string, time: Date): Promise<WarRow | undefined>;
  /** Wars running at `time` (started, not ended), earliest start first, at most `limit`. */
  warsAt(time: Date, limit: number): Promise<WarRow[]>;
  /** The latest war to have started by `time`, else the next one. */
  latestWar(time: Date): Promise<WarRow | undefined>;
  /** Whether either clan has a war overlapping [startsAt, endsAt). */
  warsOverlap(clanIds: string[], startsAt: Date, endsAt: Date): Promise<boolean>;
}

export function createClanRepository(db: Database): ClanRepository {
  const d = db.drizzle;

  return {
    async createClan(clan, members) {
      return d
        .transaction(async (tx) => {
          const [created] = await tx.insert(clans).values(clan).onConflictDoNothing().returning();
          if (!created) return null;
          if (!members.length) return { clan: created, members: [] };
          const inserted = await tx
            .insert(clanMembers)
            .values(members.map((m) => ({ ...m, clanId: created.id })))
            .onConflictDoNothing()
            .returning();
          // A taken handle: undo the clan as well, so the request can be retried as a whole.
          if (inserted.length < members.length) tx.rollback();
          return { clan: created, members: inserted };
        })
        .catch((err: Error) => {
          if (err.name === 'TransactionRollbackError') return null;
          throw err;
        });
    },
    async findClan(ref) {
      const value = ref.trim();
      const match = UUID.test(value)
        ? eq(clans.id, value)
        : or(eq(clans.slug, value.toLowerCase()), sql`lower(${clans.name}) = ${value.toLowerCase()}`);
      const [row] = await d.select().from(clans).where(match).limit(1);
      return row;
    },
    async clansBySlugs(slugs) {
      return slugs.length ? d.select().from(clans).where(inArray(clans.slug, slugs)) : [];
    },
    async clanCount() {
      const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(clans);
      return row?.n ?? 0;
    },
    async addMember(clanId, member) {
      const [row] = await d
        .insert(clanMembers)
        .values({ ...member, clanId })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    },
    async findMember(handle) {
      const [row] = await d
        .select()
        .from(clanMembers)
        .where(eq(clanMembers.handle, handle.trim().toLowerCase()))
        .limit(1);
      return row;
    },
    async membersOf(clanId) {
      return d
        .select()
        .from(clanMembers)
        .where(eq(clanMembers.clanId, clanId))
        .orderBy(asc(clanMembers.joinedAt), asc(clanMembers.handle));
    },
    async createSeason(season) {
      const [row] = await d.insert(seasons).values(season).onConflictDoNothing().returning();
      return row ?? null;
    },
    async findSeason(id) {
      const [row] = await d.select().from(seasons).where(eq(seasons.id, id)).limit(1);
      return row;
    },
    async seasons() {
      return d.select().from(seasons).orderBy(asc(seasons.startsAt));
    },
    async seasonAt(time) {
      // Seasons never overlap, so the latest to have started is the running one when any is.
      const [started] = await d
        .select()
        .from(seasons)
        .where(lte(seasons.startsAt, time))
        .orderBy(desc(seasons.startsAt))
        .limit(1);
      if (started) return started;
      const [next] = await d.select().from(seasons).orderBy(asc(seasons.startsAt)).limit(1);
      return next;
    },
    async overlappingSeason(startsAt, endsAt) {
      const [row] = await d
        .select()
        .from(seasons)
        .where(and(lt(seasons.startsAt, endsAt), gt(seasons.endsAt, startsAt)))
        .limit(1);
      return row;
    },
    async createWar(war) {
      const [row] = await d.insert(wars).values(war).returning();
      return row!;
    },
    async findWar(id) {
      if (!UUID.test(id)) return undefined;
      const [row] = await d.select().from(wars).where(eq(wars.id, id)).limit(1);
      return row;
    },
    async warOf(clanId, time) {
      // A clan's wars never overlap, so the latest to have started is the running one when any is.
      const theirs = or(eq(wars.clanAId, clanId), eq(wars.clanBId, clanId));
      const [latest] = await d
        .select()
        .from(wars)
        .where(and(theirs, lte(wars.startsAt, time)))
        .orderBy(desc(wars.startsAt))
        .limit(1);
      if (latest) return latest;
      const [next] = await d.select().from(wars).where(theirs).orderBy(asc(wars.startsAt)).limit(1);
      return next;
    },
    warsAt: (time, limit) =>
      d
        .select()
        .from(wars)
        .where(and(lte(wars.startsAt, time), gt(wars.endsAt, time)))
        .orderBy(asc(wars.startsAt), asc(wars.id))
        .limit(limit),
    async latestWar(time) {
      const [latest] = await d
        .select()
        .from(wars)
        .where(lte(wars.startsAt, time))
        .orderBy(desc(wars.startsAt))
        .limit(1);
      if (latest) return latest;
      const [next] = await d.select().from(wars).orderBy(asc(wars.startsAt)).limit(1);
      return next;
    },
    async warsOverlap(clanIds, startsAt, endsAt) {
      const theirs = or(inArray(wars.clanAId, clanIds), inArray(wars.clanBId, clanIds));
      const [row] = await d
        .select({ id: wars.id })
        .from(wars)
        .where(and(theirs, lt(wars.startsAt, endsAt), gt(wars.endsAt, startsAt)))
        .limit(1);
      return Boolean(row);
    },
  };
}
