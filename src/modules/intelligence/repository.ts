import { and, arrayOverlaps, eq, gte, inArray, lt, not, sql, type SQL } from 'drizzle-orm';
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
  /** Items none of whose agents is one of these: the complement of `agents`. */
  excludedAgents?: string[];
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
    // A literal, not a parameter: a plan made for `high_value` (the flag itself) can use its partial index.
    filter.highValue === undefined ? undefined : filter.highValue ? sql`${t.highValue}` : sql`NOT ${t.highValue}`,
    filter.keyword ? sql`search @@ websearch_to_tsquery('english', ${filter.keyword})` : undefined,
    filter.tokens?.length ? arrayOverlaps(t.tokenKeys, filter.tokens) : undefined,
    filter.agents?.length ? arrayOverlaps(t.agents, filter.agents) : undefined,
    filter.excludedAgents?.length ? not(arrayOverlaps(t.agents, filter.excludedAgents)) : undefined,
    filter.sentiments?.length ? inArray(t.sentimentLabel, filter.sentiments) : undefined,
    filter.events?.length ? inArray(t.eventType, filter.events) : undefined,
    filter.minValue === undefined ? undefined : gte(t.valueScore, filter.minValue),
    filter.since ? gte(t.publishedAt, filter.since) : undefined,
    filter.until ? lt(t.publishedAt, filter.until) : undefined,
  ];
  return and(...where);
}

/**
 * The columns feed pages read, named as IntelligenceRow names them, so a row needs no mapping: bigints as
 * float8 (numbers on every driver, exact below 2^53, where offsets stay).
 */
const FEED_COLUMNS = sql.raw(
  Object.entries(itemColumns)
    .map(([key, column]) => {
      const type = column.getSQLType();
      return `"${column.name}"${type === 'bigint' ? '::float8' : type === 'bigint[]' ? '::float8[]' : ''} AS "${key}"`;
    })
    .join(', '),
);

/** At most this many feed statement shapes are prepared on each connection; further shapes are planned per query. */
const PREPARED_FEED_SHAPES = 64;
const preparedShapes = new Set<string>();

/**
 * The name of the prepared statement for a page query of this shape, or undefined to plan it afresh. Planning
 * costs PostgreSQL several times what running a page does (the table has many indexes to weigh), so the common
 * shapes keep a plan. Not for keyword, token or agent filters (either way), whose best plan depends on how many
 * rows their values match (a GIN index for a rare token, the feed index for a common one), nor for lists of several values
 * (one shape per length). high_value is written as a literal (see feedConditions) so its partial index serves
 * a cached plan.
 */
function preparedName(filter: FeedFilter, window: FeedWindow): string | undefined {
  if (filter.keyword || filter.tokens?.length || filter.agents?.length || filter.excludedAgents?.length)
    return undefined;
  const lists = [filter.types, filter.sentiments, filter.events];
  if (lists.some((list) => list && list.length > 1)) return undefined;
  const shape = [
    ...lists.map((list) => (list?.length ? 1 : 0)),
    filter.highValue === undefined ? '' : Number(filter.highValue),
    filter.minValue === undefined ? 0 : 1,
    filter.since ? 1 : 0,
    filter.until ? 1 : 0,
    'offset' in window ? 'o' : window.after ? 'c' : 'f',
  ].join('');
  const name = `feed_page_${shape}`;
  if (!preparedShapes.has(name)) {
    if (preparedShapes.size >= PREPARED_FEED_SHAPES) return undefined;
    preparedShapes.add(name);
  }
  return name;
}

export function createIntelligenceRepository(db: Database, metrics: Metrics): IntelligenceRepository {
  const d = db.drizzle;
  const counted = (query: string) => metrics.dbQueries.inc({ query: `intelligence.${query}` });
  return {
    async list(filter, window) {
      counted('list');
      const after = 'after' in window ? window.after : undefined;
      const where = and(
        feedConditions(filter),
        // Row comparison walks the (published_at DESC, id DESC) index from the cursor: a deep page costs what page 1 costs.
        after &&
          sql`(${t.publishedAt}, ${t.id}) < (${after.publishedAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
      );
      const statement = sql`SELECT ${FEED_COLUMNS} FROM ${t} WHERE ${where ?? sql`true`} ORDER BY ${t.publishedAt} DESC, ${t.id} DESC LIMIT ${window.limit}${'offset' in window ? sql` OFFSET ${window.offset}` : sql``}`;
      const name = preparedName(filter, window);
      const { rows } = name
        ? await db.prepared(name, statement)
        : ((await d.execute(statement)) as unknown as { rows: Array<Record<string, unknown>> });
      for (const row of rows) {
        // PGlite's driver answers timestamps as text, pg as Dates.
        if (!(row.publishedAt instanceof Date)) row.publishedAt = new Date(row.publishedAt as string);
        if (!(row.createdAt instanceof Date)) row.createdAt = new Date(row.createdAt as string);
      }
      return rows as unknown as IntelligenceRow[];
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
