import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext, type AppContext } from '../src/core/context.ts';
import { platformModules } from '../src/platform.ts';
import { createTokenRegistry } from '../src/modules/tokens/tokenRegistry.ts';
import { systemClock } from '../src/core/clock.ts';
import { createReplayConnector } from '../src/modules/connectors/replay.ts';
import { createAnalysers } from '../src/modules/agents/analysers.ts';
import type { DeliveryReport } from '../src/modules/agents/pipeline.ts';
import { pollBacklog, type RawPost } from '../src/modules/connectors/index.ts';
import { toRow } from '../src/modules/intelligence/mapping.ts';
import { withFingerprint } from '../src/modules/intelligence/storyMerge.ts';
import { intelligenceItems } from '../src/modules/intelligence/table.ts';
import { writtenColumns } from '../src/modules/intelligence/storyRepository.ts';
import type { IngestItem } from '../src/modules/intelligence/schemas.ts';

/** The cases `bench:ingest` compares the agents' path with: the same rows stored without it, and its analysis alone. */

export interface Measured {
  items: number;
  seconds: number;
}

export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const RABBIT_URL = process.env.BENCH_RABBIT_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Where a bench context on `schema` keeps its files (DATA_DIR): the run removes it when it cleans up. */
export const benchDataDir = (schema: string) => join(tmpdir(), schema);

/** A context on a schema and exchange of the run's own, every module's tables migrated: how the ingest benches open one. */
export function openBenchContext(schema: string, exchange: string): Promise<AppContext> {
  const env = {
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    RABBIT_URL,
    RABBIT_EXCHANGE: exchange,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    DATA_DIR: benchDataDir(schema),
  };
  return createContext(loadConfig(env), { logger: pino({ level: 'warn' }), migrations: platformModules.migrations() });
}

/** Rows per INSERT, as the agents' batches. */
export const BATCH = 500;
/** Passes are a week apart in published time, so no story of one pass merges into another's. */
const PASS_SPACING_MS = 7 * 86_400_000;

/**
 * One pass of (b): the dataset replayed at infinite speed, batch by batch, through the poller as an agents worker
 * polls one source (each batch delivered while the next is fetched and delivered behind it, the cursor committed in
 * order). Each pass is published in a week of its own (`week` after the first) and is new posts: its `tag` (by
 * default the week) is added to every external id and URL (the same URL is the same post). Returns what became of
 * them.
 */
export async function replayPass(
  lines: string[],
  week: number,
  deliver: (posts: RawPost[]) => Promise<DeliveryReport>,
  tag = String(week),
): Promise<DeliveryReport> {
  const at = Date.parse('2026-01-01T00:00:00Z') + week * PASS_SPACING_MS;
  const replay = createReplayConnector({
    id: 'bench',
    lines,
    speed: Infinity,
    batchSize: BATCH,
    clock: { ...systemClock, now: () => at },
  });
  const cursors = new Map<string, unknown>();
  const totals: DeliveryReport = { created: 0, merged: 0, duplicates: 0, filtered: 0, skipped: 0 };
  await pollBacklog(
    {
      connector: replay,
      cursors: { get: async (id) => cursors.get(id), set: async (id, cursor) => void cursors.set(id, cursor) },
      logger: pino({ level: 'warn' }),
      deliver: (posts) =>
        deliver(
          posts.map((post) => ({
            ...post,
            external_id: `${post.external_id}#${tag}`,
            source: { ...post.source, ...(post.source.url && { url: `${post.source.url}#${tag}` }) },
          })),
        ),
    },
    undefined,
    ({ delivered }) => {
      if (!delivered) return;
      for (const key of Object.keys(totals) as Array<keyof DeliveryReport>) totals[key] += delivered[key];
    },
  );
  if ((cursors.get('bench') as { line: number } | undefined)?.line !== lines.length)
    throw new Error(`the replay stopped at ${JSON.stringify(cursors.get('bench'))} of ${lines.length} lines`);
  return totals;
}

/** The rows (a) and (a′) insert: what (b) was given, as stored rows, fingerprinted beforehand. */
const storedRows = (items: IngestItem[]) =>
  items.map((item) => ({ ...withFingerprint(toRow(item)), sourceCount: 1, sources: [] }));

/** (a): plain multi-row INSERT … VALUES through `pg`. */
export async function rawInserts(databaseUrl: string, schema: string, items: IngestItem[]): Promise<Measured> {
  const columns = writtenColumns;
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const rows = storedRows(items).map((row) =>
    columns.map(([key, column]) => {
      const value = row[key as keyof typeof row] ?? null;
      return column.getSQLType() === 'jsonb' ? JSON.stringify(value) : value;
    }),
  );
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  const began = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const tuples = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    await client.query(`INSERT INTO intelligence_items (${names}) VALUES ${tuples.join(', ')}`, chunk.flat());
  }
  const seconds = (performance.now() - began) / 1000;
  await client.end();
  return { items: rows.length, seconds };
}

/** (c): every post of one pass through the embedded analyser, one after another. */
export async function analysisAlone(lines: string[]): Promise<Measured> {
  const analyser = createAnalysers(loadConfig({}), createTokenRegistry(), pino({ level: 'warn' })).embedded;
  const posts = (
    await createReplayConnector({
      id: 'bench',
      lines,
      speed: Infinity,
      batchSize: lines.length,
      clock: systemClock,
    }).poll(null)
  ).posts;
  const began = performance.now();
  for (const post of posts) await analyser.analyse({ title: post.title, text: post.text, source: post.source });
  return { items: posts.length, seconds: (performance.now() - began) / 1000 };
}

/** (a′): the same batches through drizzle's insert builder. */
export async function ormInserts(ctx: AppContext, items: IngestItem[]): Promise<Measured> {
  const rows = storedRows(items);
  const began = performance.now();
  for (let i = 0; i < rows.length; i += BATCH)
    await ctx.db.drizzle.insert(intelligenceItems).values(rows.slice(i, i + BATCH));
  return { items: rows.length, seconds: (performance.now() - began) / 1000 };
}
