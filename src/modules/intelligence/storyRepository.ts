import { and, asc, eq, getTableColumns, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../../core/db/database.ts';
import type { Metrics } from '../../core/metrics.ts';
import { intelligenceItems as t, type IntelligenceRow, type NewIntelligenceRow } from './table.ts';
import type { MergedSource } from './schemas.ts';
import type { RecentStory } from './storyIndex.ts';

/** The columns a new item is written with; the database fills in the id, created_at, stream_offset and search. */
export const writtenColumns = Object.entries(getTableColumns(t)).filter(
  ([key]) => !['id', 'createdAt', 'search', 'streamOffset'].includes(key),
);
const columnList = sql.raw(writtenColumns.map(([, column]) => `"${column.name}"`).join(', '));
const recordType = sql.raw(writtenColumns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(', '));
/** Stories an agent's near-duplicate index starts with, at most. */
const RECENT_LIMIT = 100_000;

/** The SQL behind batch ingestion with near-duplicate merging. */
export interface StoryRepository {
  /** The ids of items stored under these dedupe keys. */
  existing(keys: string[]): Promise<Map<string, string>>;
  /** An agent's fingerprinted items published since `since`, oldest first. */
  recent(agent: string, since: Date): Promise<RecentStory[]>;
  /**
   * Inserts rows that set every written column, skipping dedupe keys that
   * exist, and appends merged sources to existing items (counting them), all
   * or nothing; returns the rows actually inserted.
   */
  store(inserts: NewIntelligenceRow[], merges: Map<string, MergedSource[]>): Promise<IntelligenceRow[]>;
}

/** Where a statement runs: the database, or a transaction on it. */
type Executor = Pick<Drizzle, 'execute'>;

export function createStoryRepository(db: Database, metrics: Metrics): StoryRepository {
  const d = db.drizzle;
  const counted = (query: string) => metrics.dbQueries.inc({ query: `intelligence.${query}` });

  async function insertNew(on: Executor, rows: NewIntelligenceRow[]): Promise<IntelligenceRow[]> {
    if (!rows.length) return [];
    counted('insert_new');
    // The whole batch travels as one JSON parameter that PostgreSQL unpacks itself: far less
    // work on this thread than binding thirty-odd parameters a row.
    const json = JSON.stringify(
      rows.map((row) =>
        Object.fromEntries(
          writtenColumns.map(([key, column]) => [column.name, row[key as keyof NewIntelligenceRow] ?? null]),
        ),
      ),
    );
    const result = (await on.execute(sql`
      INSERT INTO ${t} (${columnList}) SELECT ${columnList} FROM jsonb_to_recordset(${json}::jsonb) AS r(${recordType})
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, dedupe_key, created_at, stream_offset`)) as unknown as {
      rows: Array<{ id: string; dedupe_key: string; created_at: Date | string; stream_offset: number | string }>;
    };
    const byKey = new Map(rows.map((row) => [row.dedupeKey, row]));
    // Every other column was written from the row itself.
    return result.rows.map(
      (r) =>
        ({
          ...byKey.get(r.dedupe_key),
          id: r.id,
          createdAt: new Date(r.created_at),
          streamOffset: Number(r.stream_offset),
        }) as IntelligenceRow,
    );
  }

  /** Appends merged sources to existing items and counts them, in one statement. */
  async function appendSources(on: Executor, merges: Map<string, MergedSource[]>): Promise<void> {
    if (!merges.size) return;
    counted('append_sources');
    const updates = JSON.stringify([...merges].map(([id, sources]) => ({ id, sources })));
    await on.execute(sql`
      UPDATE ${t} SET sources = ${t.sources} || m.sources, source_count = ${t.sourceCount} + jsonb_array_length(m.sources)
      FROM jsonb_to_recordset(${updates}::jsonb) AS m(id uuid, sources jsonb)
      WHERE ${t.id} = m.id`);
  }

  return {
    async existing(keys) {
      counted('existing_keys');
      if (!keys.length) return new Map();
      const rows = await d.select({ id: t.id, key: t.dedupeKey }).from(t).where(inArray(t.dedupeKey, keys));
      return new Map(rows.map((row) => [row.key, row.id]));
    },
    async recent(agent, since) {
      counted('recent_stories');
      const rows = await d
        .select({
          id: t.id,
          dedupeKey: t.dedupeKey,
          simhash: t.simhash,
          tokenKeys: t.tokenKeys,
          sources: t.sources,
          publishedAt: t.publishedAt,
        })
        .from(t)
        .where(and(eq(t.agentId, agent), gte(t.publishedAt, since), isNotNull(t.simhash)))
        .orderBy(asc(t.publishedAt))
        .limit(RECENT_LIMIT);
      return rows.map((row) => ({
        id: row.id,
        agentId: agent,
        simhash: row.simhash!,
        tokenKeys: row.tokenKeys,
        keys: [row.dedupeKey, ...row.sources.map((s) => s.key)],
        publishedAt: row.publishedAt,
      }));
    },
    async store(inserts, merges) {
      // One statement is a transaction of its own: only both need one (two more round trips).
      if (!inserts.length || !merges.size) {
        const inserted = await insertNew(d, inserts);
        await appendSources(d, merges);
        return inserted;
      }
      // Apart, a merge the database refuses (a data exception) would leave inserts stored that the caller never announces.
      return d.transaction(async (tx) => {
        const inserted = await insertNew(tx, inserts);
        await appendSources(tx, merges);
        return inserted;
      });
    },
  };
}
