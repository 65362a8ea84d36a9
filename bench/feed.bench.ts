/**
 * `npm run bench:feed`: in one run, on this machine,
 *   (a) a bare Fastify JSON route returning a feed page,
 *   (b) GET /api/v1/intelligence/ served from the cache (in-process, then Redis), and the specification's
 *       stack (FastAPI, uvicorn, redis-py) sending the same stored bytes from Redis, when python3 has them,
 *   (c) uncached pages (page 1, a filtered page, a page 100,000 items deep by cursor) on PostgreSQL, each
 *       against the same SELECT plus JSON.stringify through a bare `pg` pool of 10 connections,
 *   (d) misses of cacheable pages (Redis lock, store, prefetch), one request at a time, against uncached pages.
 * Targets: (b) ≥ 60 % of (a) and ≥ 2× FastAPI; (c) ≥ 50 % of its baseline, one query per request; (d) one query
 * per miss, and the prefetch after the answer (a miss's time near an uncached page's).
 */
import { spawnSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freePort } from '../test/support/ports.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { platformModules } from '../src/platform.ts';
import { decodeCursor, encodeCursor } from '../src/modules/intelligence/cursor.ts';
import { load, machine, median, recordSection, serveInChild, table, type LoadResult, type Served } from './support.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROWS = 120_000;
const DEPTH = 100_000;
/** Uncached cases alternate with their baseline this many times each; the median counts. */
const TURNS = 3;
const schema = `bench_feed_${randomBytes(3).toString('hex')}`;
const server = fileURLToPath(new URL('./feedServer.ts', import.meta.url));
const fastapiServer = fileURLToPath(new URL('./feedFastapi.py', import.meta.url));
const env = {
  DATABASE_URL,
  DATABASE_SCHEMA: schema,
  DEMO_DATA: 'false',
  GLOBAL_LIMIT_TIMES: '1000000',
  LOG_LEVEL: 'warn',
  DATA_DIR: join(tmpdir(), schema),
};

async function seed() {
  const ctx = await createContext(loadConfig(env), {
    logger: pino({ level: 'warn' }),
    migrations: platformModules.migrations(),
  });
  await ctx.close();
  const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  // Stream offsets given, not drawn from next_stream_offset(): one transaction updating the counter row
  // 120,000 times walks an ever longer chain of its versions, which took minutes. Nothing ingests here.
  await client.query(`
    INSERT INTO intelligence_items (dedupe_key, type, title, content, sentiment_label, sentiment_score, value_score, high_value,
      value_reasons, tokens, token_keys, source_kind, source_name, agent_id, agents, agent_offsets, stream_offset, published_at)
    SELECT 'bench:' || g, (ARRAY['news','twitter','exchange','onchain'])[1 + g % 4],
      'Bench item ' || g || ' on BTC and ETH flows', 'Synthetic market commentary number ' || g || ' for the feed benchmark.',
      'neutral', 0, g % 100, g % 100 >= 70, '["benchmark row"]',
      '[{"symbol":"BTC","name":"Bitcoin","chain":"bitcoin","address":null}]', ARRAY['BTC'], 'news', 'bench', 'ingest', ARRAY['ingest'],
      ARRAY[g::bigint], g, timestamptz '2026-01-01' - make_interval(secs => g)
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

/** Feed queries the gateway has sent to PostgreSQL, uncached pages it was asked for and cache misses, so far (its /metrics). */
async function feedCounts(url: string): Promise<{ queries: number; pages: number; misses: number }> {
  const lines = (await (await fetch(`${url}/metrics`)).text()).split('\n');
  const counter = (prefix: string) =>
    Number(
      lines
        .find((l) => l.startsWith(prefix))
        ?.split(' ')
        .at(-1) ?? 0,
    );
  return {
    queries: counter('db_queries_total{query="intelligence.list"}'),
    pages: counter('cache_requests_total{cache="feed",result="uncached"}'),
    misses: counter('cache_requests_total{cache="feed",result="miss"}'),
  };
}

/**
 * The specification's stack serving the cached page's bytes from Redis, or why it cannot run here.
 * The bench never installs it: `apt-get install python3-fastapi python3-uvicorn python3-redis`.
 */
async function startFastapi(payload: string): Promise<Served | string> {
  // Debian's packages belong to its own python3, which a python3 from pyenv or a virtualenv on PATH hides.
  const python = ['python3', '/usr/bin/python3'].find(
    (candidate) => spawnSync(candidate, ['-c', 'import fastapi, uvicorn, redis']).status === 0,
  );
  if (!python)
    return 'FastAPI baseline skipped: no python3 here has fastapi, uvicorn and redis (Debian: python3-fastapi python3-uvicorn python3-redis)';
  const key = `${schema}:fastapi-page`;
  const redis = new Redis(REDIS_URL);
  await redis.set(key, payload, 'EX', 3600);
  const port = await freePort();
  const child = spawn(python, [fastapiServer, String(port), REDIS_URL, key], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${url}/api/v1/intelligence/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (tries > 100 || child.exitCode !== null) {
      child.kill();
      await redis.quit();
      return 'FastAPI baseline skipped: its server did not start';
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${url}/api/v1/intelligence/`,
    async stop() {
      await new Promise((done) => {
        child.once('exit', done);
        child.kill('SIGTERM');
      });
      await redis.del(key);
      await redis.quit();
    },
  };
}

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

  const fastapi = await startFastapi(payload);
  let fastapiResult: LoadResult | undefined;
  if (typeof fastapi === 'string') process.stdout.write(`${fastapi}\n`);
  else {
    fastapiResult = await load({ url: fastapi.url });
    await fastapi.stop();
  }

  const redisGateway = await serveInChild(server, ['gateway'], {
    ...env,
    CACHE_URL: REDIS_URL,
    CACHE_PREFIX: `${schema}:`,
  });
  const bRedis = await load({ url: `${redisGateway.url}${pagePath}` });

  const pgBaseline = await serveInChild(server, ['pg'], env);
  const cases = [
    { name: 'page 1', path: pagePath },
    { name: 'filtered page (type=news&min_value=50)', path: `${pagePath}&type=news&min_value=50` },
    { name: `page past ${DEPTH.toLocaleString('en')} items (cursor)`, path: `${pagePath}&cursor=${deepCursor}` },
  ];
  const uncachedRows: Array<Array<string | number>> = [];
  const uncachedResults: LoadResult[] = [];
  for (const { name, path } of cases) {
    const turns: Array<{ base: LoadResult; feed: LoadResult; queriesPerRequest: number }> = [];
    // Alternating turns, so a change in the machine's background load hits both alike.
    for (let turn = 0; turn < TURNS; turn++) {
      const base = await load({
        url: pgBaseline.url,
        requests: [{ method: 'GET', ...uncached(path) }],
        connections: 10,
      });
      const before = await feedCounts(redisGateway.url);
      const feed = await load({
        url: redisGateway.url,
        requests: [{ method: 'GET', ...uncached(path) }],
        connections: 10,
      });
      const after = await feedCounts(redisGateway.url);
      turns.push({ base, feed, queriesPerRequest: (after.queries - before.queries) / (after.pages - before.pages) });
      uncachedResults.push(base, feed);
    }
    const ratios = turns.map((t) => t.feed.requestsPerSecond / t.base.requestsPerSecond);
    const mid = turns[ratios.indexOf(median(ratios))]!;
    uncachedRows.push(
      [
        `(c₀) ${name}: bare pg pool + JSON.stringify`,
        mid.base.requestsPerSecond,
        mid.base.p50,
        mid.base.p99,
        '100 %',
        '',
      ],
      [
        `(c) ${name}, uncached`,
        mid.feed.requestsPerSecond,
        mid.feed.p50,
        mid.feed.p99,
        `${Math.round(median(ratios) * 100)} % (turns: ${ratios.map((r) => `${Math.round(r * 100)} %`).join(', ')}); ${mid.queriesPerRequest.toFixed(2)} queries/request`,
        '≥ 50 %, 1 query',
      ],
    );
  }
  // (d) Misses of cacheable pages, one request at a time: a cursor nobody asked for before, so each takes the Redis
  // lock, stores its page and prefetches the next three after answering; against uncached pages at one connection.
  const deep = decodeCursor(deepCursor)!;
  let fresh = 0;
  const coldCursor = (req: autocannon.Request) => ({
    ...req,
    path: `${pagePath}&cursor=${encodeCursor({ publishedAt: new Date(deep.publishedAt.getTime() - fresh++), id: randomUUID() })}`,
  });
  const single = await load({
    url: redisGateway.url,
    requests: [{ method: 'GET', ...uncached(pagePath) }],
    connections: 1,
  });
  const beforeCold = await feedCounts(redisGateway.url);
  const cold = await load({
    url: redisGateway.url,
    requests: [{ method: 'GET', setupRequest: coldCursor }],
    connections: 1,
  });
  const afterCold = await feedCounts(redisGateway.url);
  uncachedRows.push(
    ['(c) page 1, uncached, one connection', single.requestsPerSecond, single.p50, single.p99, '', ''],
    [
      '(d) cache miss of a cursor page with prefetch, one connection',
      cold.requestsPerSecond,
      cold.p50,
      cold.p99,
      // One connection asks one request at a time, so 1 / req/s is a request's time, finer than whole-millisecond p50s.
      `time a request ${(single.requestsPerSecond / cold.requestsPerSecond).toFixed(2)}× the uncached page's; ${(
        (afterCold.queries - beforeCold.queries) / (afterCold.misses - beforeCold.misses)
      ).toFixed(2)} queries per miss (prefetches included)`,
      '1 query per miss',
    ],
  );
  uncachedResults.push(single, cold);
  await pgBaseline.stop();
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
    ...(fastapiResult
      ? [
          [
            '(b₀) FastAPI + uvicorn + redis-py sending the stored page',
            fastapiResult.requestsPerSecond,
            fastapiResult.p50,
            fastapiResult.p99,
            pct(fastapiResult.requestsPerSecond, a.requestsPerSecond),
            '',
          ],
        ]
      : []),
    [
      '(b) feed page 1, cached in Redis',
      bRedis.requestsPerSecond,
      bRedis.p50,
      bRedis.p99,
      `${pct(bRedis.requestsPerSecond, a.requestsPerSecond)} (${pct(bRedis.requestsPerSecond, aSerialised.requestsPerSecond)} of a′)${
        fastapiResult ? `; ${(bRedis.requestsPerSecond / fastapiResult.requestsPerSecond).toFixed(2)}× FastAPI` : ''
      }`,
      fastapiResult ? '≥ 2× FastAPI' : '',
    ],
    ...uncachedRows,
  ];
  const errors = [a, aSerialised, b, bRedis, ...(fastapiResult ? [fastapiResult] : []), ...uncachedResults].reduce(
    (n, r) => n + r.errors + r.non2xx,
    0,
  );
  const report =
    `${table(['case', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'target'], rows)}\n\n` +
    `Machine: ${machine()}. ${ROWS.toLocaleString('en')} items on PostgreSQL; autocannon in the parent process, servers in child processes; ` +
    'cache hits send stored bytes, so (a′) is the like-for-like baseline; 50 connections for (a)/(b), 10 for (c), 8 s each. ' +
    `(c): every request has its own \`until\`, so nothing is cached; the gateway runs with Redis; each case alternates with its baseline ${TURNS} times and the median ratio is shown. ` +
    '(d): every request names a cursor never asked for, so it misses the Redis cache, locks, stores and prefetches three pages once answered. ' +
    `${typeof fastapi === 'string' ? `${fastapi}. ` : ''}Errors or non-2xx responses: ${errors}.`;
  process.stdout.write(`\n${report}\n`);
  recordSection('Feed (`npm run bench:feed`)', report);
} finally {
  await dropSchema();
  // The servers' data folder (their generated dev keys).
  rmSync(env.DATA_DIR, { recursive: true, force: true });
}
