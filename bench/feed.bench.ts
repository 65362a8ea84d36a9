/**
 * `npm run bench:feed`: in one run, on this machine,
 *   (a) a bare Fastify JSON route returning a feed page,
 *   (b) GET /api/v1/intelligence/ served from the cache (in-process, then Redis),
 *   (c) uncached page 1 against an uncached page 100,000 items deep (by cursor), on PostgreSQL.
 * Targets: (b) ≥ 60 % of (a); (c) deep page within 1.5× of page 1.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type autocannon from 'autocannon';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { platformModules } from '../src/platform.ts';
import { encodeCursor } from '../src/modules/intelligence/cursor.ts';
import { load, machine, recordSection, serveInChild, table } from './support.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROWS = 120_000;
const DEPTH = 100_000;
const schema = `bench_feed_${randomBytes(3).toString('hex')}`;
const server = fileURLToPath(new URL('./feedServer.ts', import.meta.url));
const env = {
  DATABASE_URL,
  DATABASE_SCHEMA: schema,
  DEMO_DATA: 'false',
  GLOBAL_LIMIT_TIMES: '1000000',
  LOG_LEVEL: 'warn',
  DATA_DIR: `/tmp/${schema}`,
};

async function seed() {
  const ctx = await createContext(loadConfig(env), {
    logger: pino({ level: 'warn' }),
    migrations: platformModules.migrations(),
  });
  await ctx.close();
  const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(`
    INSERT INTO intelligence_items (dedupe_key, type, title, content, sentiment_label, sentiment_score, value_score, high_value,
      value_reasons, tokens, token_keys, source_kind, source_name, agent_id, agents, published_at)
    SELECT 'bench:' || g, (ARRAY['news','twitter','exchange','onchain'])[1 + g % 4],
      'Bench item ' || g || ' on BTC and ETH flows', 'Synthetic market commentary number ' || g || ' for the feed benchmark.',
      'neutral', 0, g % 100, g % 100 >= 70, '["benchmark row"]',
      '[{"symbol":"BTC","name":"Bitcoin","chain":"bitcoin","address":null}]', ARRAY['BTC'], 'news', 'bench', 'ingest', ARRAY['ingest'],
      timestamptz '2026-01-01' - make_interval(secs => g)
    FROM generate_series(1, ${ROWS}) AS g`);
  await client.query('ANALYZE intelligence_items');
  const { rows } = await client.query(
    `SELECT published_at, id FROM intelligence_items ORDER BY published_at DESC, id DESC OFFSET ${DEPTH - 1} LIMIT 1`,
  );
  await client.end();
  return encodeCursor({ publishedAt: rows[0].published_at, id: rows[0].id });
}

async function dropSchema() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

/**
 * A query string that never repeats, so every request misses the cache and reaches PostgreSQL
 * (`until` must lie within a year from now; every item is older than any of these).
 */
let uniq = 0;
const untilBase = Date.now() + 180 * 86_400_000;
const uncached = (path: string) => ({
  setupRequest: (req: autocannon.Request) => ({
    ...req,
    path: `${path}&until=${new Date(untilBase - uniq++).toISOString()}`,
  }),
});

try {
  process.stdout.write(`seeding ${ROWS} items into PostgreSQL schema ${schema}…\n`);
  const deepCursor = await seed();

  const gateway = await serveInChild(server, ['gateway'], env);
  const pagePath = '/api/v1/intelligence/?size=20';
  const payload = await (await fetch(`${gateway.url}${pagePath}`)).text();
  const bare = await serveInChild(server, ['bare'], { BENCH_PAYLOAD: payload });
  const a = await load({ url: bare.url });
  const aSerialised = await load({ url: `${bare.url}/serialised` });
  const b = await load({ url: `${gateway.url}${pagePath}` });
  await bare.stop();
  await gateway.stop();

  const redisGateway = await serveInChild(server, ['gateway'], {
    ...env,
    CACHE_URL: REDIS_URL,
    CACHE_PREFIX: `${schema}:`,
  });
  const bRedis = await load({ url: `${redisGateway.url}${pagePath}` });
  const page1 = await load({
    url: redisGateway.url,
    requests: [{ method: 'GET', ...uncached(pagePath) }],
    connections: 10,
  });
  const deep = await load({
    url: redisGateway.url,
    requests: [{ method: 'GET', ...uncached(`${pagePath}&cursor=${deepCursor}`) }],
    connections: 10,
  });
  await redisGateway.stop();

  const pct = (x: number, y: number) => `${Math.round((x / y) * 100)} %`;
  const rows = [
    ['(a) bare Fastify JSON route (serialises the page object)', a.requestsPerSecond, a.p50, a.p99, '100 %', ''],
    [
      '(a′) bare Fastify route sending the page as a serialised string',
      aSerialised.requestsPerSecond,
      aSerialised.p50,
      aSerialised.p99,
      pct(aSerialised.requestsPerSecond, a.requestsPerSecond),
      '',
    ],
    [
      '(b) feed page 1, cached in process',
      b.requestsPerSecond,
      b.p50,
      b.p99,
      `${pct(b.requestsPerSecond, a.requestsPerSecond)} (${pct(b.requestsPerSecond, aSerialised.requestsPerSecond)} of a′)`,
      '≥ 60 % of (a)',
    ],
    [
      '(b) feed page 1, cached in Redis',
      bRedis.requestsPerSecond,
      bRedis.p50,
      bRedis.p99,
      `${pct(bRedis.requestsPerSecond, a.requestsPerSecond)} (${pct(bRedis.requestsPerSecond, aSerialised.requestsPerSecond)} of a′)`,
      '',
    ],
    ['(c) uncached page 1 (PostgreSQL)', page1.requestsPerSecond, page1.p50, page1.p99, '100 %', ''],
    [
      `(c) uncached page past ${DEPTH.toLocaleString('en')} items (cursor)`,
      deep.requestsPerSecond,
      deep.p50,
      deep.p99,
      pct(deep.requestsPerSecond, page1.requestsPerSecond),
      `latency ≤ 1.5× page 1: ${(deep.p50 / Math.max(page1.p50, 0.001)).toFixed(2)}×`,
    ],
  ];
  const errors = [a, aSerialised, b, bRedis, page1, deep].reduce((n, r) => n + r.errors + r.non2xx, 0);
  const report = `${table(['case', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'target'], rows)}\n\nMachine: ${machine()}. ${ROWS.toLocaleString('en')} items on PostgreSQL; autocannon in the parent process, servers in child processes; cache hits send stored bytes, so (a′) is the like-for-like baseline; 50 connections for (a)/(b), 10 for (c), 8 s each. Errors or non-2xx responses: ${errors}.`;
  process.stdout.write(`\n${report}\n`);
  recordSection('Feed (`npm run bench:feed`)', report);
} finally {
  await dropSchema();
}
