/**
 * `npm run bench:ingest`: in one run, on this machine, on real PostgreSQL and RabbitMQ,
 *   (a) raw batched INSERTs through `pg` (500 rows a statement) of the rows the agents stored: the baseline;
 *   (a′) the same batches through drizzle's insert builder (how the platform's repositories insert), for reference;
 *   (b) the agents' path for the same posts: replay dataset → embedded analysis → batch ingest
 *       (dedupe lookup, near-duplicate merging, insert) → publish on RabbitMQ with broker confirms.
 *   (c) for where the time goes: the embedded analysis alone, on this thread.
 * Targets (issue 18): (b) ≥ 0.6× (a), and at least 2,000 items/s.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Connection } from 'rabbitmq-client';
import { loadConfig } from '../src/core/config.ts';
import type { AppContext } from '../src/core/context.ts';
import { createStore } from '../test/support/modules.ts';
import { createTokenRegistry } from '../src/modules/tokens/tokenRegistry.ts';
import { createPipeline, type DeliveryReport } from '../src/modules/agents/pipeline.ts';
import { analysisWorkers, createAnalysers } from '../src/modules/agents/analysers.ts';
import type { IngestItem } from '../src/modules/intelligence/schemas.ts';
import { machine, recordSection, table } from './support.ts';
import {
  analysisAlone,
  BATCH,
  benchDataDir,
  DATABASE_URL,
  openBenchContext,
  ormInserts,
  RABBIT_URL,
  rawInserts,
  replayPass,
  type Measured,
} from './ingestBaselines.ts';

const REPLAY_FILE = process.env.REPLAY_FILE ?? fileURLToPath(new URL('../datasets/replay.jsonl', import.meta.url));
/** Timed passes over the dataset, after one untimed warm-up pass. */
const PASSES = 4;

const id = randomBytes(3).toString('hex');
const schemas = { agents: `bench_ingest_${id}`, raw: `bench_ingest_raw_${id}`, orm: `bench_ingest_orm_${id}` };
const exchange = `bench.ingest.${id}`;

const open = (schema: string) => openBenchContext(schema, exchange);

/** (b): each pass replays the dataset at infinite speed through the poller, as an agents worker polls one source. */
async function agentsPath(ctx: AppContext, lines: string[]) {
  const { intelligence, market } = await createStore(ctx);
  const stored: IngestItem[] = [];
  const totals: DeliveryReport = { created: 0, merged: 0, duplicates: 0, filtered: 0, skipped: 0 };
  // The embedded analyser on worker threads, as `npm start` and `serve agents` run it.
  const analysers = createAnalysers(ctx.config, createTokenRegistry(), ctx.logger, analysisWorkers(ctx.config));
  const deliver = createPipeline({
    agentId: 'news-sentiment-radar',
    analyser: analysers.embedded,
    thresholds: { min_abs_sentiment: 0, min_value: 0, require_tokens: false },
    ingestMany: (items) => {
      stored.push(...items);
      return intelligence.service.ingestMany(items);
    },
    announced: intelligence.service.announced,
    quotes: market.quotes,
    logger: ctx.logger,
  });
  await replayPass(lines, 0, deliver);
  stored.length = 0;
  const began = performance.now();
  for (let pass = 1; pass <= PASSES; pass++) {
    const report = await replayPass(lines, pass, deliver);
    for (const key of Object.keys(totals) as Array<keyof DeliveryReport>) totals[key] += report[key];
  }
  const measured: Measured = { items: lines.length * PASSES, seconds: (performance.now() - began) / 1000 };
  await analysers.close();
  return { measured, stored, totals };
}

async function cleanUp() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const schema of Object.values(schemas)) {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    rmSync(benchDataDir(schema), { recursive: true, force: true });
  }
  await client.end();
  const rabbit = new Connection(RABBIT_URL);
  await rabbit.exchangeDelete({ exchange }).finally(() => rabbit.close());
}

try {
  const lines = readFileSync(REPLAY_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim());
  process.stdout.write(
    `replaying ${lines.length} posts × ${PASSES} passes (after a warm-up pass) through analysis → PostgreSQL → RabbitMQ…\n`,
  );
  const agentsCtx = await open(schemas.agents);
  const agents = await agentsPath(agentsCtx, lines);
  await agentsCtx.close();

  // The baseline schemas get the same migrations (and so the same indexes and triggers).
  await (await open(schemas.raw)).close();
  const raw = await rawInserts(DATABASE_URL, schemas.raw, agents.stored);
  const ormCtx = await open(schemas.orm);
  const orm = await ormInserts(ormCtx, agents.stored);
  await ormCtx.close();
  const analysis = await analysisAlone(lines);

  const rate = (m: Measured) => Math.round(m.items / m.seconds);
  const pct = (m: Measured) => `${Math.round((rate(m) / rate(raw)) * 100)} %`;
  const rows = [
    [
      '(a) raw batched INSERT … VALUES (pg) of the same rows',
      raw.items,
      raw.seconds.toFixed(2),
      rate(raw),
      '100 %',
      '',
    ],
    ['(a′) the same batches through drizzle', orm.items, orm.seconds.toFixed(2), rate(orm), pct(orm), ''],
    [
      '(b) analysis → batch ingest → publish (RabbitMQ)',
      agents.measured.items,
      agents.measured.seconds.toFixed(2),
      rate(agents.measured),
      pct(agents.measured),
      '≥ 0.6× (a) and ≥ 2,000 items/s',
    ],
    [
      '(c) embedded analysis alone, one thread',
      analysis.items,
      analysis.seconds.toFixed(2),
      rate(analysis),
      pct(analysis),
      '',
    ],
  ];
  const { created, merged, duplicates, skipped } = agents.totals;
  const body = `${table(['case', 'items', 'seconds', 'items/s', 'ratio', 'target'], rows)}

Machine: ${machine()}. PostgreSQL and RabbitMQ on the same machine; ${lines.length} replay posts, ${PASSES} timed passes after a warm-up, batches of ${BATCH}, embedded analysis on ${analysisWorkers(loadConfig({}))} worker threads. (b) outcomes: ${created} created, ${merged} merged into an existing story, ${duplicates} duplicates, ${skipped} skipped; every new item published with a broker confirm inside the timed run.`;
  process.stdout.write(`\n${body}\n`);
  recordSection('Agent ingestion (`npm run bench:ingest`)', body);
} finally {
  await cleanUp();
}
