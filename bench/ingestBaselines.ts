import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import type { AppContext } from '../src/core/context.ts';
import { createTokenRegistry } from '../src/modules/tokens/tokenRegistry.ts';
import { systemClock } from '../src/core/clock.ts';
import { createReplayConnector } from '../src/modules/connectors/replay.ts';
import { createAnalysers } from '../src/modules/agents/analysers.ts';
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

/** Rows per INSERT, as the agents' batches. */
export const BATCH = 500;

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
