import { randomUUID } from 'node:crypto';
import { and, asc, getTableColumns, getTableName, gte, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
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

/**
 * Where the stream counter stood when something was read: the last offset handed out, and the version of its row
 * (its xmin). Every writer of items moves the row, even one that hands out no offset, so an unchanged version means
 * nothing was written since.
 */
interface CounterAt {
  lastOffset: number;
  version: string;
}

/** What planning needs of the stored stories (see StoryTransaction.read). */
interface StoredStories {
  stored: KeyedStory[];
  written: RecentStory[];
}

/** Stored stories read outside the lock, with the counter as the same statement saw it. */
interface StorySnapshot extends StoredStories {
  counter: CounterAt;
}

/** What a write stored: the new items, and the stored items whose agents grew (each agent recorded as joining at the item's new offset). */
interface StoryWritten {
  inserted: IntelligenceRow[];
  joined: IntelligenceRow[];
}

/** What ingest reads and writes while it holds the ingest lock. */
interface StoryTransaction {
  /** Where the counter stood when this transaction locked it: nothing above it is stored until it commits. */
  readonly counter: CounterAt;
  /**
   * Items stored under any of these story keys, each with those of the keys it has; with `writtenAfter`, in the same
   * statement, the fingerprinted items stored, or moved to a new offset, after that offset.
   */
  read(keys: string[], writtenAfter?: number): Promise<StoredStories>;
  /** Fingerprinted items published since `since`, oldest first. */
  recent(since: Date): Promise<RecentStory[]>;
  /**
   * Stores a plan in one statement: the new items and their story keys; sources, story keys and agents added to stored
   * items; and the stream counter moved past the offsets it used.
   */
  write(plan: StoryWrite): Promise<StoryWritten>;
  find(ids: string[]): Promise<IntelligenceRow[]>;
}

/** The SQL behind ingestion: one story, one item, decided by the database. */
export interface StoryRepository {
  /**
   * What `read` returns, read outside the lock, with the counter as the same statement saw it: what a batch planned
   * on it is checked against by `writeIfUnchanged`.
   */
  snapshot(keys: string[], writtenAfter: number): Promise<StorySnapshot>;
  /**
   * Stores a plan made on a snapshot, as `write` does, in one statement that is its own transaction, if the counter is
   * still where the snapshot saw it and no other writer holds it: the lock is held only while that statement runs and
   * commits. Undefined, with nothing written, if another writer has written since (or is writing).
   */
  writeIfUnchanged(plan: StoryWrite, at: CounterAt): Promise<StoryWritten | undefined>;
  /**
   * Runs `work` in a transaction that first locks the stream counter's row, which every insert takes
   * anyway before it commits: writers of items (on any node) take turns, so what a writer reads of
   * the stored stories stays true until it has written its own, and the offsets it hands out
   * itself (after the counter it read) become visible at its commit, after every lower one. The first read (`read`'s
   * arguments) is sent with the lock, to run as soon as it is granted; `work` gets what it found.
   */
  locked<T>(
    first: { keys: string[]; writtenAfter?: number },
    work: (tx: StoryTransaction, found: StoredStories) => Promise<T>,
  ): Promise<T>;
}

/** A row of the read: the counter, with a story found by one of its keys (`key` set), one written after an offset, or none. */
interface ReadRow {
  last_offset: number | string;
  version: string;
  key: string | null;
  id: string | null;
  agents: string[];
  simhash: string | null;
  token_keys: string[] | null;
  published_at: Date | string | null;
  stream_offset: number | string | null;
}

/**
 * The statement behind read and snapshot. One array parameter: binding a batch's few thousand keys one by one costs
 * more than the lookup. Joined as a set, not `= ANY`: a table the planner has no statistics for yet (a new schema, a
 * burst of inserts) is otherwise scanned whole with every key compared against every row. The stories written since
 * the index last looked, and the counter, ride in the same statement: one snapshot, and one round trip.
 */
function readStatement(keys: string[], writtenAfter: number | undefined) {
  const wanted = textArray(keys);
  const written =
    writtenAfter === undefined
      ? sql``
      : sql`UNION ALL SELECT NULL, id, agents, simhash, token_keys, published_at, stream_offset FROM ${t}
          WHERE stream_offset > ${writtenAfter} AND simhash IS NOT NULL`;
  return {
    name: writtenAfter === undefined ? 'intelligence_read_stories' : 'intelligence_read_stories_written',
    statement: sql`
      SELECT c.last_offset, c.version, s.* FROM (SELECT last_offset, xmin::text AS version FROM ${streamState} WHERE id = 1) AS c
      LEFT JOIN (
        SELECT f.key, i.id, i.agents, NULL::text AS simhash, NULL::text[] AS token_keys,
          NULL::timestamptz AS published_at, NULL::bigint AS stream_offset FROM (
          SELECT w.key, s.item_id FROM unnest(${wanted}) AS w (key) JOIN ${k} AS s ON s.key = w.key
          UNION ALL SELECT w.key, d.id FROM unnest(${wanted}) AS w (key) JOIN ${t} AS d ON d.dedupe_key = w.key
        ) AS f (key, item_id) JOIN ${t} AS i ON i.id = f.item_id
        ${written}
      ) AS s ON true`,
  };
}

function parseRead(rows: ReadRow[]): StorySnapshot {
  const byId = new Map<string, KeyedStory>();
  const recent: Array<RecentStory & { offset: number }> = [];
  for (const row of rows) {
    if (row.id === null) continue;
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
  const [first] = rows;
  if (!first) throw new Error('the stream counter has no row');
  return {
    counter: { lastOffset: Number(first.last_offset), version: first.version },
    stored: [...byId.values()],
    written: recent.map(({ offset: _offset, ...story }) => story),
  };
}

/** A row as JSON (`to_json`), as drizzle's select would have given it. */
const rowFromJson = (json: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(itemColumns).map(([key, column]) => {
      const value = json[column.name];
      return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
    }),
  ) as IntelligenceRow;

/** The columns of `itemColumns`, of the items table where another relation has the same names. */
const returnedColumns = sql.raw(
  Object.values(itemColumns)
    .map((column) => `"${getTableName(t)}"."${column.name}"`)
    .join(', '),
);

/**
 * The statement that stores a plan made when the counter stood at `at`, and the new items as it writes them.
 * Offsets are handed out here, after that counter, instead of by the column default: one counter update per batch,
 * not one per row. The counter row is updated even when no offset is used, so that its version tells every planner
 * that something was written. The whole batch travels as JSON parameters that PostgreSQL unpacks itself: far less
 * work on this thread than binding thirty-odd parameters a row. Every part runs to completion whether or not the
 * final SELECT reads it, and writes nothing unless the counter's row was still at `at`'s version and was locked by
 * this statement or already by its transaction (SKIP LOCKED: while another writer holds it, the plan is about to be
 * stale, so this does not wait for it); the offsets it uses may otherwise be another writer's.
 */
function writeStatement({ inserts, encoded, insertKeys, updates }: StoryWrite, at: CounterAt) {
  let next = at.lastOffset;
  const inserted = inserts.map(
    (row) => ({ ...row, id: randomUUID(), streamOffset: ++next, agentOffsets: [] }) as IntelligenceRow,
  );
  for (const row of inserted) row.agentOffsets = row.agents.map(() => row.streamOffset);
  const keys = [
    ...inserted.flatMap((row, i) => insertKeys[i]!.filter((key) => key !== row.dedupeKey).map((key) => [key, row.id])),
    ...[...updates].flatMap(([id, update]) => update.keys.map((key) => [key, id])),
  ];
  const changed = [...updates].flatMap(([id, { sources, agents }]) =>
    sources.length || agents.length ? [{ id, sources, agents, stream_offset: agents.length ? ++next : null }] : [],
  );
  if (!inserted.length && !keys.length && !changed.length) return { inserted };
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
  const statement = sql`
    WITH counter AS (
      UPDATE ${streamState} SET last_offset = ${next}
      WHERE id = (SELECT id FROM ${streamState} WHERE id = 1 AND xmin = ${at.version}::xid FOR UPDATE SKIP LOCKED)
      RETURNING id
    ), inserted AS (
      INSERT INTO ${t} (${columnList}, id, stream_offset, agent_offsets)
      SELECT ${columnList}, id, stream_offset, agent_offsets
      FROM jsonb_to_recordset(${items}::jsonb) AS r(${recordType}, id uuid, stream_offset bigint, agent_offsets bigint[])
      WHERE EXISTS (SELECT FROM counter)
      RETURNING id, created_at
    ), story_keys AS (
      INSERT INTO ${k} (key, item_id)
      SELECT * FROM unnest(${textArray(keys.map(([key]) => key!))}, ${textArray(keys.map(([, id]) => id!))}::uuid[])
      WHERE EXISTS (SELECT FROM counter)
      ON CONFLICT (key) DO NOTHING
    ), changed AS (
      UPDATE ${t} SET sources = ${t.sources} || m.sources,
        source_count = ${t.sourceCount} + jsonb_array_length(m.sources),
        agents = ${t.agents} || m.agents,
        stream_offset = coalesce(m.stream_offset, ${t.streamOffset}),
        agent_offsets = ${t.agentOffsets} || array_fill(m.stream_offset, ARRAY[cardinality(m.agents)])
      FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb)
        AS m(id uuid, sources jsonb, agents text[], stream_offset bigint)
      -- The ids again as an array: joined only to the rows of jsonb_to_recordset (estimated at 100), a table the planner
      -- thinks small (a new install, a burst of inserts before its statistics catch up) is scanned whole every batch.
      WHERE ${t.id} = m.id AND ${t.id} = ANY(${textArray(changed.map(({ id }) => id))}::uuid[]) AND EXISTS (SELECT FROM counter)
      RETURNING ${returnedColumns}, cardinality(m.agents) > 0 AS joined
    )
    SELECT 'counter' AS part, NULL::json AS row FROM counter
    UNION ALL SELECT 'inserted', json_build_object('id', id, 'created_at', created_at) FROM inserted
    UNION ALL SELECT 'joined', to_json(changed) FROM changed WHERE joined`;
  return { inserted, statement };
}

/** What the write statement answered, or undefined if the counter had moved (nothing written). */
function parseWritten(
  rows: Array<{ part: 'counter' | 'inserted' | 'joined'; row: Record<string, unknown> | null }>,
  inserted: IntelligenceRow[],
): StoryWritten | undefined {
  if (!rows.some(({ part }) => part === 'counter')) return undefined;
  const createdAt = new Map(
    rows.flatMap(({ part, row }) => (part === 'inserted' ? [[row!.id, new Date(row!.created_at as string)]] : [])),
  );
  for (const row of inserted) row.createdAt = createdAt.get(row.id)!;
  return { inserted, joined: rows.flatMap(({ part, row }) => (part === 'joined' ? [rowFromJson(row!)] : [])) };
}

type WrittenRow = Parameters<typeof parseWritten>[0][number];

export function createStoryRepository(db: Database, metrics: Metrics): StoryRepository {
  const counted = (query: string) => metrics.dbQueries.inc({ query: `intelligence.${query}` });

  async function readOn(tx: Transaction, keys: string[], writtenAfter: number | undefined): Promise<StoredStories> {
    if (!keys.length && writtenAfter === undefined) return { stored: [], written: [] };
    counted('read_stories');
    const { name, statement } = readStatement(keys, writtenAfter);
    return parseRead((await prepared<ReadRow>(tx, name, statement)).rows);
  }

  function transactionOn(tx: Transaction, counter: CounterAt): StoryTransaction {
    return {
      counter,
      read: (keys, writtenAfter) => readOn(tx, keys, writtenAfter),
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
      async write(plan) {
        const { inserted, statement } = writeStatement(plan, counter);
        if (!statement) return { inserted, joined: [] };
        counted('write_stories');
        const written = parseWritten(
          (await prepared<WrittenRow>(tx, 'intelligence_write_stories', statement)).rows,
          inserted,
        );
        if (!written) throw new Error('the stream counter moved while this transaction held it');
        return written;
      },
      async find(ids) {
        if (!ids.length) return [];
        counted('find_stories');
        return tx.select(itemColumns).from(t).where(inArray(t.id, ids));
      },
    };
  }

  return {
    async snapshot(keys, writtenAfter) {
      counted('read_stories');
      const { name, statement } = readStatement(keys, writtenAfter);
      return parseRead((await db.prepared(name, statement)).rows as unknown as ReadRow[]);
    },
    async writeIfUnchanged(plan, at) {
      const { inserted, statement } = writeStatement(plan, at);
      if (!statement) return { inserted, joined: [] };
      counted('write_stories');
      const { rows } = await db.prepared('intelligence_write_stories', statement);
      return parseWritten(rows as unknown as WrittenRow[], inserted);
    },
    locked({ keys, writtenAfter }, work) {
      return db.drizzle.transaction(async (tx) => {
        counted('ingest_lock');
        // Both through prepared(), so the lock is sent first and the read follows it as soon as it is granted, without
        // a round trip of this process in between.
        const [[counter], found] = await Promise.all([
          prepared<{ last_offset: number | string; version: string }>(
            tx,
            'intelligence_lock_counter',
            sql`SELECT last_offset, xmin::text AS version FROM ${streamState} WHERE id = 1 FOR UPDATE`,
          ).then(({ rows }) => rows),
          readOn(tx, keys, writtenAfter),
        ]);
        if (!counter) throw new Error('the stream counter has no row');
        return work(transactionOn(tx, { lastOffset: Number(counter.last_offset), version: counter.version }), found);
      });
    },
  };
}
