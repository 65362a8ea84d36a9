import { randomUUID } from 'node:crypto';
import { and, asc, getTableColumns, gte, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
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
/** The written columns planning may still change on a new item (later rows of its batch joining it as agents or sources). */
const plannedColumns: ReadonlySet<string> = new Set(['agents', 'sources', 'sourceCount']);
const fixedColumns = writtenColumns.filter(([key]) => !plannedColumns.has(key));
const recordType = sql.raw(writtenColumns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(', '));
/** Stories the near-duplicate index starts with, at most. */
const RECENT_LIMIT = 100_000;

type Transaction = Parameters<Parameters<Drizzle['transaction']>[0]>[0];

const dialect = new PgDialect();

/**
 * Runs one of the statements every batch sends while it holds the ingest lock as a named prepared statement on the
 * transaction's connection: PostgreSQL parses and plans it once per connection instead of once per batch, while every
 * other writer waits (planning the read and the write took longer than running them for a batch of 200). A name
 * always carries the same text. PGlite runs it as it is.
 */
const prepared = <Row>(tx: Transaction, name: string, statement: SQL) =>
  tx._.session.prepareQuery(dialect.sqlToQuery(statement), undefined, name, false).execute() as Promise<{
    rows: Row[];
  }>;

/**
 * A delivered row's written columns that planning leaves as they are, as the members of a JSON object without its
 * braces. Encoded before the ingest lock is taken, so that while every other writer waits the write only adds what
 * the plan decided (id, offsets, agents, sources).
 */
export function encodeFixedColumns(row: NewIntelligenceRow): string {
  const fixed = Object.fromEntries(
    fixedColumns.map(([key, column]) => [column.name, row[key as keyof NewIntelligenceRow] ?? null]),
  );
  return JSON.stringify(fixed).slice(1, -1);
}

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

/** A batch's plan as ingest writes it (see planStories). */
interface StoryWrite {
  /** New items (every written column set), stored at the next stream offsets in this order. */
  inserts: NewIntelligenceRow[];
  /** Each new item's columns that planning left alone, encoded by encodeFixedColumns (`encoded[i]` for `inserts[i]`). */
  encoded: string[];
  /** The story keys of each new item (`insertKeys[i]` for `inserts[i]`). */
  insertKeys: string[][];
  /** What stored items gain; an item whose agents grow moves to a new stream offset, after the new items. */
  updates: Map<string, StoryUpdate>;
}

/** What ingest reads and writes while it holds the ingest lock. */
interface StoryTransaction {
  /** The highest stream offset handed out before this transaction: nothing above it is stored until it commits. */
  readonly lastOffset: number;
  /**
   * Items stored under any of these story keys, each with those of the keys it has; with `writtenAfter`, in the same
   * statement, the fingerprinted items stored, or moved to a new offset, after that offset.
   */
  read(keys: string[], writtenAfter?: number): Promise<{ stored: KeyedStory[]; written: RecentStory[] }>;
  /** Fingerprinted items published since `since`, oldest first. */
  recent(since: Date): Promise<RecentStory[]>;
  /**
   * Stores a plan in one statement: the new items and their story keys; sources, story keys and agents added to stored
   * items; and the stream counter moved past the offsets it used. Returns the new items as stored and the stored items
   * whose agents grew (each agent recorded as joining at the item's new offset).
   */
  write(plan: StoryWrite): Promise<{ inserted: IntelligenceRow[]; joined: IntelligenceRow[] }>;
  find(ids: string[]): Promise<IntelligenceRow[]>;
}

/** The SQL behind ingestion: one story, one item, decided by the database. */
export interface StoryRepository {
  /**
   * Runs `work` in a transaction that first locks the stream counter's row, which every insert takes
   * anyway before it commits: writers of items (on any node) take turns, so what a writer reads of
   * the stored stories stays true until it has written its own, and the offsets it hands out
   * itself (after the counter it read) become visible at its commit, after every lower one.
   */
  locked<T>(work: (tx: StoryTransaction) => Promise<T>): Promise<T>;
}

/** A row of read(): a story found by one of its keys (`key` set), or one written after an offset. */
interface ReadRow {
  key: string | null;
  id: string;
  agents: string[];
  simhash: string | null;
  token_keys: string[] | null;
  published_at: Date | string | null;
  stream_offset: number | string | null;
}

export function createStoryRepository(db: Database, metrics: Metrics): StoryRepository {
  const counted = (query: string) => metrics.dbQueries.inc({ query: `intelligence.${query}` });

  function transactionOn(tx: Transaction, lastOffset: number): StoryTransaction {
    async function find(ids: string[]): Promise<IntelligenceRow[]> {
      if (!ids.length) return [];
      counted('find_stories');
      return tx.select(itemColumns).from(t).where(inArray(t.id, ids));
    }
    return {
      lastOffset,
      async read(keys, writtenAfter) {
        if (!keys.length && writtenAfter === undefined) return { stored: [], written: [] };
        counted('read_stories');
        // One array parameter: binding a batch's few thousand keys one by one costs more than the lookup. Joined as a
        // set, not `= ANY`: a table the planner has no statistics for yet (a new schema, a burst of inserts) is
        // otherwise scanned whole with every key compared against every row. The stories written since the index
        // last looked ride in the same statement: one round trip fewer while every other writer waits.
        const wanted = textArray(keys);
        const written =
          writtenAfter === undefined
            ? sql``
            : sql`UNION ALL SELECT NULL, id, agents, simhash, token_keys, published_at, stream_offset FROM ${t}
                WHERE stream_offset > ${writtenAfter} AND simhash IS NOT NULL`;
        const found = await prepared<ReadRow>(
          tx,
          writtenAfter === undefined ? 'intelligence_read_stories' : 'intelligence_read_stories_written',
          sql`
          SELECT f.key, i.id, i.agents, NULL::text AS simhash, NULL::text[] AS token_keys,
            NULL::timestamptz AS published_at, NULL::bigint AS stream_offset FROM (
            SELECT w.key, s.item_id FROM unnest(${wanted}) AS w (key) JOIN ${k} AS s ON s.key = w.key
            UNION ALL SELECT w.key, d.id FROM unnest(${wanted}) AS w (key) JOIN ${t} AS d ON d.dedupe_key = w.key
          ) AS f (key, item_id) JOIN ${t} AS i ON i.id = f.item_id
          ${written}`,
        );
        const byId = new Map<string, KeyedStory>();
        const recent: Array<RecentStory & { offset: number }> = [];
        for (const row of found.rows) {
          if (row.key === null) {
            recent.push({
              id: row.id,
              agents: row.agents,
              simhash: row.simhash!,
              tokenKeys: row.token_keys!,
              publishedAt: new Date(row.published_at!),
              offset: Number(row.stream_offset),
            });
            continue;
          }
          const story = byId.get(row.id) ?? { id: row.id, agents: row.agents, storyKeys: [] };
          story.storyKeys.push(row.key);
          byId.set(row.id, story);
        }
        recent.sort((a, b) => a.offset - b.offset);
        return { stored: [...byId.values()], written: recent.map(({ offset: _offset, ...story }) => story) };
      },
      async recent(since) {
        counted('recent_stories');
        const rows = await tx
          .select({
            id: t.id,
            agents: t.agents,
            simhash: t.simhash,
            tokenKeys: t.tokenKeys,
            publishedAt: t.publishedAt,
          })
          .from(t)
          .where(and(gte(t.publishedAt, since), isNotNull(t.simhash)))
          .orderBy(asc(t.publishedAt))
          .limit(RECENT_LIMIT);
        return rows.map((row) => ({ ...row, simhash: row.simhash! }));
      },
      async write({ inserts, encoded, insertKeys, updates }) {
        // Offsets are handed out here, after the counter this transaction holds, instead of by the column default:
        // one counter update per batch, not one per row.
        let next = lastOffset;
        const inserted = inserts.map(
          (row) => ({ ...row, id: randomUUID(), streamOffset: ++next, agentOffsets: [] }) as IntelligenceRow,
        );
        for (const row of inserted) row.agentOffsets = row.agents.map(() => row.streamOffset);
        const keys = [
          ...inserted.flatMap((row, i) =>
            insertKeys[i]!.filter((key) => key !== row.dedupeKey).map((key) => [key, row.id]),
          ),
          ...[...updates].flatMap(([id, update]) => update.keys.map((key) => [key, id])),
        ];
        const changed = [...updates].flatMap(([id, { sources, agents }]) =>
          sources.length || agents.length
            ? [{ id, sources, agents, stream_offset: agents.length ? ++next : null }]
            : [],
        );
        if (!inserted.length && !keys.length && !changed.length) return { inserted: [], joined: [] };
        counted('write_stories');
        // The whole batch travels as JSON parameters that PostgreSQL unpacks itself: far less work on this thread than
        // binding thirty-odd parameters a row. Every part runs to completion whether or not the final SELECT reads it.
        const items = `[${inserted
          .map((row, i) => {
            const planned = JSON.stringify({
              id: row.id,
              stream_offset: row.streamOffset,
              agent_offsets: row.agentOffsets,
              [t.agents.name]: row.agents,
              [t.sources.name]: row.sources,
              [t.sourceCount.name]: row.sourceCount,
            });
            return `${planned.slice(0, -1)},${encoded[i]}}`;
          })
          .join(',')}]`;
        const counter =
          next > lastOffset ? sql`, counter AS (UPDATE ${streamState} SET last_offset = ${next} WHERE id = 1)` : sql``;
        const result = await prepared<{ id: string; created_at: Date | string }>(
          tx,
          next > lastOffset ? 'intelligence_write_stories_counted' : 'intelligence_write_stories',
          sql`
          WITH inserted AS (
            INSERT INTO ${t} (${columnList}, id, stream_offset, agent_offsets)
            SELECT ${columnList}, id, stream_offset, agent_offsets
            FROM jsonb_to_recordset(${items}::jsonb) AS r(${recordType}, id uuid, stream_offset bigint, agent_offsets bigint[])
            RETURNING id, created_at
          ), story_keys AS (
            INSERT INTO ${k} (key, item_id)
            SELECT * FROM unnest(${textArray(keys.map(([key]) => key!))}, ${textArray(keys.map(([, id]) => id!))}::uuid[])
            ON CONFLICT (key) DO NOTHING
          ), changed AS (
            UPDATE ${t} SET sources = ${t.sources} || m.sources,
              source_count = ${t.sourceCount} + jsonb_array_length(m.sources),
              agents = ${t.agents} || m.agents,
              stream_offset = coalesce(m.stream_offset, ${t.streamOffset}),
              agent_offsets = ${t.agentOffsets} || array_fill(m.stream_offset, ARRAY[cardinality(m.agents)])
            FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb)
              AS m(id uuid, sources jsonb, agents text[], stream_offset bigint)
            WHERE ${t.id} = m.id
          )${counter}
          SELECT id, created_at FROM inserted`,
        );
        const createdAt = new Map(result.rows.map((row) => [row.id, new Date(row.created_at)]));
        for (const row of inserted) row.createdAt = createdAt.get(row.id)!;
        return { inserted, joined: await find(changed.filter((row) => row.agents.length).map((row) => row.id)) };
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
