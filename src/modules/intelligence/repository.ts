import { and, arrayOverlaps, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import type { Metrics } from '../../core/metrics.ts';
import { intelligenceItems as t, itemColumns, type IntelligenceRow, type NewIntelligenceRow } from './table.ts';
import type { FeedPosition } from './cursor.ts';
import { foldedStoryKeys } from './storyKeys.ts';
import { recordStoryKeys } from './storyRepository.ts';
import type { FeedQuery, ItemType } from './schemas.ts';

/**
 * What a feed page is filtered by. Lists match any of their values, and an item must match every
 * field given. Lists are sorted and without repeats: the filter is part of page cache keys.
 */
export interface FeedFilter {
  types?: ItemType[];
  highValue?: boolean;
  keyword?: string;
  /** Normalised with tokenKey(). */
  tokens?: string[];
  agents?: string[];
  sentiments?: FeedQuery['sentiment'];
  events?: FeedQuery['event'];
  minValue?: number;
  since?: Date;
  until?: Date;
}

export type FeedWindow = { limit: number; offset: number } | { limit: number; after?: FeedPosition };

/** Every read and write of intelligence items; services never build SQL themselves. */
export interface IntelligenceRepository {
  list(filter: FeedFilter, window: FeedWindow): Promise<IntelligenceRow[]>;
  findById(id: string): Promise<IntelligenceRow | undefined>;
  /** Inserts (with its story keys) unless the dedupe key exists, outside the ingest door (seeding, tests); either way returns the stored row. */
  insert(row: NewIntelligenceRow): Promise<{ row: IntelligenceRow; created: boolean }>;
  /** Bulk insert (with story keys) for seeding; rows whose dedupe key exists are skipped. Returns how many were new. */
  insertMany(rows: NewIntelligenceRow[]): Promise<number>;
  count(): Promise<number>;
}

/** The WHERE clause of a filter: the feed's, and the briefing's aggregates over the same items. */
export function feedConditions(filter: FeedFilter): SQL | undefined {
  const where: Array<SQL | undefined> = [
    filter.types?.length ? inArray(t.type, filter.types) : undefined,
    filter.highValue === undefined ? undefined : eq(t.highValue, filter.highValue),
    filter.keyword ? sql`search @@ websearch_to_tsquery('english', ${filter.keyword})` : undefined,
    filter.tokens?.length ? arrayOverlaps(t.tokenKeys, filter.tokens) : undefined,
    filter.agents?.length ? arrayOverlaps(t.agents, filter.agents) : undefined,
    filter.sentiments?.length ? inArray(t.sentimentLabel, filter.sentiments) : undefined,
    filter.events?.length ? inArray(t.eventType, filter.events) : undefined,
    filter.minValue === undefined ? undefined : gte(t.valueScore, filter.minValue),
    filter.since ? gte(t.publishedAt, filter.since) : undefined,
    filter.until ? lt(t.publishedAt, filter.until) : undefined,
  ];
  return and(...where);
}

export function createIntelligenceRepository(db: Database, metrics: Metrics): IntelligenceRepository {
  const d = db.drizzle;
  const counted = (query: string) => metrics.dbQueries.inc({ query: `intelligence.${query}` });
  return {
    async list(filter, window) {
      counted('list');
      let where = feedConditions(filter);
      if ('after' in window && window.after) {
        // Row comparison walks the (published_at DESC, id DESC) index from the cursor: a deep page costs what page 1 costs.
        where = and(
          where,
          sql`(${t.publishedAt}, ${t.id}) < (${window.after.publishedAt.toISOString()}::timestamptz, ${window.after.id}::uuid)`,
        );
      }
      const query = d
        .select(itemColumns)
        .from(t)
        .where(where)
        .orderBy(desc(t.publishedAt), desc(t.id))
        .limit(window.limit);
      return 'offset' in window ? query.offset(window.offset) : query;
    },
    async findById(id) {
      counted('find_by_id');
      const [row] = await d.select(itemColumns).from(t).where(eq(t.id, id)).limit(1);
      return row;
    },
    async insert(row) {
      counted('insert');
      const [inserted] = await d
        .insert(t)
        .values(row)
        .onConflictDoNothing({ target: t.dedupeKey })
        .returning(itemColumns);
      if (inserted) {
        await recordStoryKeys(d, [{ id: inserted.id, keys: foldedStoryKeys(row), ownKey: row.dedupeKey }]);
        return { row: inserted, created: true };
      }
      const [existing] = await d.select(itemColumns).from(t).where(eq(t.dedupeKey, row.dedupeKey)).limit(1);
      if (!existing) throw new Error(`item with dedupe key ${row.dedupeKey} vanished during insert`);
      return { row: existing, created: false };
    },
    async insertMany(rows) {
      counted('insert_many');
      let created = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const batch = await d
          .insert(t)
          .values(chunk)
          .onConflictDoNothing({ target: t.dedupeKey })
          .returning({ id: t.id, dedupeKey: t.dedupeKey });
        const ids = new Map(batch.map((row) => [row.dedupeKey, row.id]));
        const stored = chunk.filter((row) => ids.has(row.dedupeKey));
        await recordStoryKeys(
          d,
          stored.map((row) => ({ id: ids.get(row.dedupeKey)!, keys: foldedStoryKeys(row), ownKey: row.dedupeKey })),
        );
        created += batch.length;
      }
      return created;
    },
    async count() {
      counted('count');
      const [row] = await d.select({ n: sql<number>`count(*)::int` }).from(t);
      return row?.n ?? 0;
    },
  };
}
