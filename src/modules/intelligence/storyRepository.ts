import { and, asc, getTableColumns, gt, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../../core/db/database.ts';
import type { Metrics } from '../../core/metrics.ts';
import {
  intelligenceItems as t,
  intelligenceStoryKeys as k,
  itemColumns,
  streamState,
  type IntelligenceRow,
  type NewIntelligenceRow,
} from './table.ts';
import { textArray } from './sqlArrays.ts';
import type { KeyedStory, StoryUpdate } from './storyMerge.ts';
import type { RecentStory } from './storyIndex.ts';

/**
 * The columns a new item is written with; the database fills in the id, created_at, stream_offset,
 * agent_offsets (a trigger: the agents joined at the first offset) and search.
 */
export const writtenColumns = Object.entries(getTableColumns(t)).filter(
  ([key]) => !['id', 'createdAt', 'search', 'streamOffset', 'agentOffsets'].includes(key),
);
const columnList = sql.raw(writtenColumns.map(([, column]) => `"${column.name}"`).join(', '));
const recordType = sql.raw(writtenColumns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(', '));
/** Stories the near-duplicate index starts with, at most. */
const RECENT_LIMIT = 100_000;

type Transaction = Parameters<Parameters<Drizzle['transaction']>[0]>[0];

/**
 * Records which item each story key names; a key already recorded keeps its item. A new item's own
 * dedupe key (`ownKey`) is left out: the item holds it, in its uniquely indexed column.
 */
export async function recordStoryKeys(
  on: Pick<Drizzle, 'execute'>,
  items: Array<{ id: string; keys: string[]; ownKey?: string }>,
) {
  const keys = items.flatMap(({ id, keys, ownKey }) =>
    keys.filter((key) => key !== ownKey).map((key) => ({ key, id })),
  );
  if (!keys.length) return;
  await on.execute(sql`
    INSERT INTO ${k} (key, item_id)
    SELECT * FROM unnest(${textArray(keys.map((entry) => entry.key))}, ${textArray(keys.map((entry) => entry.id))}::uuid[])
    ON CONFLICT (key) DO NOTHING`);
}

/** What ingest reads and writes while it holds the ingest lock. */
interface StoryTransaction {
  /** The highest stream offset handed out before this transaction: nothing above it is stored until it commits. */
  readonly lastOffset: number;
  /** Items stored under any of these story keys, each with those of the keys it has. */
  storedByKeys(keys: string[]): Promise<KeyedStory[]>;
  /** Fingerprinted items published since `since`, oldest first. */
  recent(since: Date): Promise<RecentStory[]>;
  /** Fingerprinted items stored, or moved to a new offset, after `offset`. */
  writtenAfter(offset: number): Promise<RecentStory[]>;
  /** Stores new items (every written column set) and their story keys (`keys[i]` for `rows[i]`); returns the items as stored. */
  insert(rows: NewIntelligenceRow[], keys: string[][]): Promise<IntelligenceRow[]>;
  /**
   * Appends sources to stored items, records story keys for them, and adds agents: an item whose agents grow moves to a
   * new stream offset, recorded as those agents' join offset. Returns the items whose agents grew.
   */
  update(updates: Map<string, StoryUpdate>): Promise<IntelligenceRow[]>;
  find(ids: string[]): Promise<IntelligenceRow[]>;
}

/** The SQL behind ingestion: one story, one item, decided by the database. */
export interface StoryRepository {
  /**
   * Runs `work` in a transaction that first locks the stream counter's row, which every insert takes
   * anyway before it commits: writers of items (on any node) take turns, so what a writer reads of
   * the stored stories stays true until it has written its own.
   */
  locked<T>(work: (tx: StoryTransaction) => Promise<T>): Promise<T>;
}

export function createStoryRepository(db: Database, metrics: Metrics): StoryRepository {
  const counted = (query: string) => metrics.dbQueries.inc({ query: `intelligence.${query}` });

  const toRecent = (rows: Array<Omit<RecentStory, 'simhash'> & { simhash: string | null }>): RecentStory[] =>
    rows.map((row) => ({ ...row, simhash: row.simhash! }));
  const recentColumns = {
    id: t.id,
    agents: t.agents,
    simhash: t.simhash,
    tokenKeys: t.tokenKeys,
    publishedAt: t.publishedAt,
  };

  function transactionOn(tx: Transaction, lastOffset: number): StoryTransaction {
    async function find(ids: string[]): Promise<IntelligenceRow[]> {
      if (!ids.length) return [];
      counted('find_stories');
      return tx.select(itemColumns).from(t).where(inArray(t.id, ids));
    }
    return {
      lastOffset,
      async storedByKeys(keys) {
        if (!keys.length) return [];
        counted('stored_by_keys');
        // One array parameter: binding a batch's few thousand keys one by one costs more than the lookup. Joined as a
        // set, not `= ANY`: a table the planner has no statistics for yet (a new schema, a burst of inserts) is
        // otherwise scanned whole with every key compared against every row.
        const wanted = textArray(keys);
        const found = (await tx.execute(sql`
          SELECT f.key, i.id, i.agents FROM (
            SELECT w.key, s.item_id FROM unnest(${wanted}) AS w (key) JOIN ${k} AS s ON s.key = w.key
            UNION ALL SELECT w.key, d.id FROM unnest(${wanted}) AS w (key) JOIN ${t} AS d ON d.dedupe_key = w.key
          ) AS f (key, item_id) JOIN ${t} AS i ON i.id = f.item_id`)) as unknown as {
          rows: Array<{ key: string; id: string; agents: string[] }>;
        };
        const byId = new Map<string, KeyedStory>();
        for (const { key, id, agents } of found.rows) {
          const story = byId.get(id) ?? { id, agents, storyKeys: [] };
          story.storyKeys.push(key);
          byId.set(id, story);
        }
        return [...byId.values()];
      },
      async recent(since) {
        counted('recent_stories');
        const rows = await tx
          .select(recentColumns)
          .from(t)
          .where(and(gte(t.publishedAt, since), isNotNull(t.simhash)))
          .orderBy(asc(t.publishedAt))
          .limit(RECENT_LIMIT);
        return toRecent(rows);
      },
      async writtenAfter(offset) {
        counted('written_after');
        const rows = await tx
          .select(recentColumns)
          .from(t)
          .where(and(gt(t.streamOffset, offset), isNotNull(t.simhash)))
          .orderBy(asc(t.streamOffset));
        return toRecent(rows);
      },
      async insert(rows, keys) {
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
        const result = (await tx.execute(sql`
          INSERT INTO ${t} (${columnList}) SELECT ${columnList} FROM jsonb_to_recordset(${json}::jsonb) AS r(${recordType})
          RETURNING id, dedupe_key, created_at, stream_offset, agent_offsets`)) as unknown as {
          rows: Array<{
            id: string;
            dedupe_key: string;
            created_at: Date | string;
            stream_offset: number | string;
            agent_offsets: Array<number | string>;
          }>;
        };
        const ids = new Map(result.rows.map((r) => [r.dedupe_key, r.id]));
        await recordStoryKeys(
          tx,
          rows.map((row, i) => ({ id: ids.get(row.dedupeKey)!, keys: keys[i]!, ownKey: row.dedupeKey })),
        );
        const byKey = new Map(rows.map((row) => [row.dedupeKey, row]));
        // Every other column was written from the row itself.
        return result.rows.map(
          (r) =>
            ({
              ...byKey.get(r.dedupe_key),
              id: r.id,
              createdAt: new Date(r.created_at),
              streamOffset: Number(r.stream_offset),
              agentOffsets: r.agent_offsets.map(Number),
            }) as IntelligenceRow,
        );
      },
      async update(updates) {
        await recordStoryKeys(
          tx,
          [...updates].map(([id, { keys }]) => ({ id, keys })),
        );
        const merged = [...updates].filter(([, u]) => u.sources.length);
        if (merged.length) {
          counted('append_sources');
          const json = JSON.stringify(merged.map(([id, { sources }]) => ({ id, sources })));
          await tx.execute(sql`
            UPDATE ${t} SET sources = ${t.sources} || m.sources, source_count = ${t.sourceCount} + jsonb_array_length(m.sources)
            FROM jsonb_to_recordset(${json}::jsonb) AS m(id uuid, sources jsonb)
            WHERE ${t.id} = m.id`);
        }
        const joined = [...updates].filter(([, u]) => u.agents.length);
        if (!joined.length) return [];
        counted('add_agents');
        const json = JSON.stringify(joined.map(([id, { agents }]) => ({ id, agents })));
        // The subquery runs once per item: each gets its own new offset, shared by the agents joining it.
        await tx.execute(sql`
          UPDATE ${t} SET agents = ${t.agents} || m.agents,
            (stream_offset, agent_offsets) = (
              SELECT o.n, ${t.agentOffsets} || array_fill(o.n, ARRAY[cardinality(m.agents)])
              FROM (SELECT next_stream_offset() AS n) AS o
            )
          FROM jsonb_to_recordset(${json}::jsonb) AS m(id uuid, agents text[])
          WHERE ${t.id} = m.id`);
        return find(joined.map(([id]) => id));
      },
      find,
    };
  }

  return {
    locked(work) {
      return db.drizzle.transaction(async (tx) => {
        counted('ingest_lock');
        const [counter] = await tx
          .select({ lastOffset: streamState.lastOffset })
          .from(streamState)
          .where(sql`${streamState.id} = 1`)
          .for('update');
        return work(transactionOn(tx, counter?.lastOffset ?? 0));
      });
    },
  };
}
