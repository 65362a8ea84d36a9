/**
 * `npm run bench:cluster`: the cluster's two scaling questions in one run, on this machine, on the real PostgreSQL,
 * Redis and RabbitMQ, with nginx (Debian's) in front as `npm run cluster` runs it:
 *   (1) ingest items/s with one and with two agents workers (processes), each playing its share of the replay
 *       dataset through analysis → batch ingest → RabbitMQ; and what the single-row stream counter lock
 *       (`stream_state`, taken by every insert until its commit) costs them: the share of the ingesting backends'
 *       sampled time spent waiting on a lock, and the share of the time a transaction held it;
 *   (2) feed requests/s (GET /api/v1/intelligence/, cached in Redis) straight to one gateway, then through nginx to
 *       one gateway, to two gateways, and to one gateway with WORKERS=2.
 * On two cores the second process competes with PostgreSQL, nginx and the load generator for the same cores: the
 * ratios show the cost of the extra hop and processes more than a speed-up (docs/benchmarks.md says what they
 * would mean on more cores).
 * `-- --ingest` runs (1) alone and records nothing: the ingest figures without nginx or the feed's load.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { Connection } from 'rabbitmq-client';
import { Redis } from 'ioredis';
import { writeKeyPair, KEY_FILES } from '../src/core/auth/keyFiles.ts';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { platformModules } from '../src/platform.ts';
import { nginxForeground, renderNginxConfig } from '../scripts/cluster/nginxConfig.ts';
import { type ClusterProcess, startNode, startProcess } from '../scripts/cluster/nodeProcess.ts';
import { stopAll } from '../scripts/cluster/cluster.ts';
import { freePort } from '../test/support/ports.ts';
import { eventually } from '../test/stream/eventually.ts';
import { load, machine, recordSection, table } from './support.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RABBIT_URL = process.env.BENCH_RABBIT_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
/** Rows in the feed's table: enough for real pages, few enough to seed in seconds. */
const FEED_ROWS = 20_000;
const SAMPLE_MS = 20;
const INGEST_ONLY = process.argv.includes('--ingest');

const id = randomBytes(3).toString('hex');
const schema = `bench_cluster_${id}`;
const prefix = `${schema}:`;
const exchange = `bench.cluster.${id}`;
const dir = join(tmpdir(), schema);
const workerScript = fileURLToPath(new URL('./clusterIngestWorker.ts', import.meta.url));

const env: Record<string, string> = {
  DATABASE_URL,
  DATABASE_SCHEMA: schema,
  CACHE_URL: REDIS_URL,
  CACHE_PREFIX: prefix,
  RABBIT_URL,
  RABBIT_EXCHANGE: exchange,
  DEMO_DATA: 'false',
  AGENTS_ENABLED: 'false',
  ANALYSIS_WORKERS: '0',
  GLOBAL_LIMIT_TIMES: '1000000',
  LOG_LEVEL: 'warn',
  DATA_DIR: join(dir, 'data'),
};

interface IngestRun {
  workers: number;
  items: number;
  seconds: number;
  locks: LockSamples;
  /** The share of the machine's cores busy over the run (every process, PostgreSQL's and RabbitMQ's included). */
  busy: number;
}

/** The machine's CPU time so far, in ticks: all of it and the idle part (/proc/stat's first line; waiting for I/O counts as idle). */
function machineTicks(): { total: number; idle: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const ticks = fields.slice(0, 8).map(Number);
  return { total: ticks.reduce((sum, n) => sum + n, 0), idle: ticks[3]! + ticks[4]! };
}

interface LockSamples {
  /** Of the samples of backends inside an ingest transaction, the share waiting on a lock (the stream counter's). */
  waitShare: number;
  /** The share of sampled instants at which a backend held the counter: near 100 %, the lock bounds the throughput. */
  heldShare: number;
}

/**
 * Samples what the ingesting backends do until `until` settles: in their transaction holding the stream counter, or
 * waiting for it.
 */
async function sampleLocks(until: Promise<unknown>): Promise<LockSamples> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  let samples = 0;
  let held = 0;
  let running = 0;
  let waiting = 0;
  let done = false;
  const finish = () => {
    done = true;
  };
  until.then(finish, finish);
  try {
    while (!done) {
      const { rows } = await client.query(
        // Ingest statements running, or a transaction between two (planning in JavaScript holding the lock), and those
        // waiting for a lock (the counter's). The counter is held while its row's xmax is the transaction id of a
        // backend still running it: one that locked or updated the row and has not committed yet.
        `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting, count(*)::int AS running,
                EXISTS (SELECT FROM "${schema}".stream_state AS s JOIN pg_stat_activity AS h ON h.backend_xid = s.xmax) AS held
           FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND datname = current_database()
            AND state IN ('active', 'idle in transaction')
            AND (query ILIKE '%stream_state%' OR query ILIKE '%intelligence_%')`,
      );
      samples++;
      if (rows[0].held) held++;
      running += rows[0].running;
      waiting += rows[0].waiting;
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  } finally {
    await client.end();
  }
  return { waitShare: running ? waiting / running : 0, heldShare: samples ? held / samples : 0 };
}

/** (1): `workers` processes ingest their shares of the dataset at once, after each played an untimed pass. */
async function ingest(workers: number, run: number): Promise<IngestRun> {
  const children = Array.from({ length: workers }, (_, index) =>
    fork(workerScript, [String(index), String(workers), String(run)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const message = <T>(child: (typeof children)[number]) =>
    new Promise<T>((resolve, reject) => {
      child.once('message', (m) => resolve(m as T));
      child.once('exit', (code) => reject(new Error(`an ingest worker exited with ${code}`)));
    });
  await Promise.all(children.map((child) => message(child)));
  const began = performance.now();
  const ticksBefore = machineTicks();
  const reports = Promise.all(children.map((child) => message<{ items: number; seconds: number }>(child)));
  for (const child of children) child.send('go');
  const locks = await sampleLocks(reports);
  const done = await reports;
  const ticksAfter = machineTicks();
  const total = ticksAfter.total - ticksBefore.total;
  return {
    workers,
    items: done.reduce((sum, r) => sum + r.items, 0),
    seconds: (performance.now() - began) / 1000,
    locks,
    busy: total ? 1 - (ticksAfter.idle - ticksBefore.idle) / total : 0,
  };
}

async function seedFeed() {
  const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(`
    INSERT INTO intelligence_items (dedupe_key, type, title, content, sentiment_label, sentiment_score, value_score, high_value,
      value_reasons, tokens, token_keys, source_kind, source_name, agent_id, agents, published_at)
    SELECT 'bench:' || g, (ARRAY['news','twitter','exchange','onchain'])[1 + g % 4],
      'Bench item ' || g || ' on BTC and ETH flows', 'Synthetic market commentary number ' || g || ' for the cluster benchmark.',
      'neutral', 0, g % 100, g % 100 >= 70, '["benchmark row"]',
      '[{"symbol":"BTC","name":"Bitcoin","chain":"bitcoin","address":null}]', ARRAY['BTC'], 'news', 'bench', 'ingest', ARRAY['ingest'],
      timestamptz '2027-01-01' - make_interval(secs => g)
    FROM generate_series(1, ${FEED_ROWS}) AS g`);
  await client.query('ANALYZE intelligence_items');
  await client.end();
}

/** Gateways (`serve gateway`, each with `workers` processes) and, when asked, nginx in front: the URL to load. */
async function feedTopology(gateways: number, workers: number, withNginx: boolean) {
  const processes: ClusterProcess[] = [];
  try {
    const ports = await Promise.all(Array.from({ length: gateways }, () => freePort()));
    for (const [n, port] of ports.entries()) {
      const url = `http://127.0.0.1:${port}`;
      const node = startNode(`gateway-${n + 1}`, 'gateway', {
        url,
        env: { PATH: process.env.PATH, ...env, HOST: '127.0.0.1', PORT: String(port), WORKERS: String(workers) },
      });
      processes.push(node);
      await eventually(async () => {
        if (node.child.exitCode !== null) throw new Error(`gateway exited:\n${node.output()}`);
        if ((await fetch(`${url}/health`)).status !== 200) throw new Error('not healthy yet');
        // The primary says so once every worker listens: until then the first answers everything.
        if (workers > 1 && !node.output().includes('workers started')) throw new Error('workers still starting');
      }, 120_000);
    }
    if (!withNginx) return { url: processes[0]!.url!, stop: () => stopAll(processes) };
    const nginxPort = await freePort();
    const nginxPrefix = join(dir, 'nginx');
    rmSync(nginxPrefix, { recursive: true, force: true });
    const addresses = ports.map((port) => `127.0.0.1:${port}`);
    const conf = renderNginxConfig({
      prefix: nginxPrefix,
      httpPort: nginxPort,
      upstreams: { gateway: addresses, mcp: addresses, arbitrage: addresses, dashboard: addresses },
    });
    const nginx = startProcess('nginx', ...nginxForeground(nginxPrefix, conf), {
      url: `http://127.0.0.1:${nginxPort}`,
    });
    processes.push(nginx);
    await eventually(async () => {
      if ((await fetch(`${nginx.url}/health`)).status !== 200) throw new Error('nginx not answering yet');
    }, 30_000);
    return { url: nginx.url!, stop: () => stopAll(processes) };
  } catch (err) {
    await stopAll(processes, 5_000);
    throw err;
  }
}

async function cleanUp() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  const rabbit = new Connection(RABBIT_URL);
  await rabbit.exchangeDelete({ exchange }).finally(() => rabbit.close());
  rmSync(dir, { recursive: true, force: true });
}

/** (2): the cached feed straight to one gateway, then through nginx to the topologies of `cases`. */
async function feedRuns(): Promise<Array<Array<string | number>>> {
  await seedFeed();
  const cases = [
    { name: 'one gateway, direct (no nginx)', gateways: 1, workers: 1, nginx: false },
    { name: 'nginx → one gateway', gateways: 1, workers: 1, nginx: true },
    { name: 'nginx → two gateways', gateways: 2, workers: 1, nginx: true },
    { name: 'nginx → one gateway, WORKERS=2', gateways: 1, workers: 2, nginx: true },
  ];
  const feedRows: Array<Array<string | number>> = [];
  let base = 0;
  for (const c of cases) {
    const topology = await feedTopology(c.gateways, c.workers, c.nginx);
    try {
      const url = `${topology.url}/api/v1/intelligence/?size=20`;
      await load({ url, duration: 3 }); // warm-up: the cache filled, the JIT warm
      const measured = await load({ url });
      base ||= measured.requestsPerSecond;
      feedRows.push([
        c.name,
        measured.requestsPerSecond,
        `${Math.round((measured.requestsPerSecond / base) * 100)} %`,
        measured.p50,
        measured.p99,
        measured.errors + measured.non2xx,
      ]);
    } finally {
      await topology.stop();
    }
  }
  return feedRows;
}

try {
  await (
    await createContext(loadConfig(env), { logger: pino({ level: 'warn' }), migrations: platformModules.migrations() })
  ).close();

  // One key pair and master key for every process (production refuses generated ones; two processes would race to make them).
  const keysDir = join(dir, 'keys');
  await writeKeyPair(keysDir, { overwrite: true });
  Object.assign(env, {
    ENV: 'production',
    JWT_PUBLIC_FILE: join(keysDir, KEY_FILES.public),
    JWT_PRIVATE_FILE: join(keysDir, KEY_FILES.private),
    SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
  });

  process.stdout.write('(1) ingest with one agents worker, then two…\n');
  const ingestRuns = [await ingest(1, 1), await ingest(2, 2)];
  const rate = (r: IngestRun) => Math.round(r.items / r.seconds);
  const ingestRows = ingestRuns.map((r) => [
    r.workers === 1 ? 'one agents worker' : 'two agents workers',
    r.items,
    r.seconds.toFixed(2),
    rate(r),
    `${Math.round((rate(r) / rate(ingestRuns[0]!)) * 100)} %`,
    `${(r.locks.waitShare * 100).toFixed(1)} %`,
    `${(r.locks.heldShare * 100).toFixed(1)} %`,
    r.locks.heldShare ? Math.round(rate(r) / r.locks.heldShare) : '',
    `${(r.busy * 100).toFixed(0)} %`,
  ]);
  const ingestTable = table(
    ['case', 'items', 'seconds', 'items/s', 'vs one', 'lock waits', 'lock held', 'lock ceiling items/s', 'cores busy'],
    ingestRows,
  );
  // Shown now: the feed half needs nginx, and a failure there should not lose these figures.
  process.stdout.write(`\n${ingestTable}\n\n`);

  if (!INGEST_ONLY) {
    process.stdout.write('(2) the feed through nginx…\n');
    const feedRows = await feedRuns();
    const body = `${ingestTable}

${table(['case', 'req/s', 'vs direct', 'p50 ms', 'p99 ms', 'errors'], feedRows)}

Machine: ${machine()}. PostgreSQL, Redis, RabbitMQ, nginx and the load generator on the same machine. Ingest: each
agents worker a process playing its share of the replay dataset (every n-th post) through the poller (a batch
analysed while the one before is stored), the embedded analysis on its own thread, batch ingest and RabbitMQ, three
timed passes after an untimed one; "lock waits" is the share of the
sampled time (every ${SAMPLE_MS} ms) the backends running ingest statements spent waiting on a lock: the single-row
stream counter (\`stream_state\`), which each batch holds from its write to its commit (from before reading the stored
stories when four plans made before it went stale, another writer storing after each read), so batches of different
workers are written one after another; "lock held" is the share of the sampled instants at which a transaction held it (its row's xmax a running
transaction; near 100 %, the counter bounds the throughput); "lock ceiling" is the rate at which it would be held all the
time, each item holding it as long as in this run (items/s ÷ lock held); "cores busy" is the share of the machine's CPU
time not idle over the run (/proc/stat), every process's. Feed: autocannon, 50 connections, 8 s after a 3 s warm-up,
GET /api/v1/intelligence/?size=20 answered from Redis; ${FEED_ROWS} items stored.

On more cores (not measured here): each agents worker is one process with its analysis on threads of its own, so with
a core for each worker beside PostgreSQL's, a second worker would come nearer to doubling one, up to the stream counter
lock's ceiling, where more workers only wait (docs/deployment.md, "The stream counter lock"). Each gateway process is one core's
worth of JavaScript, so with a core for each, two gateways behind nginx, or one with WORKERS=2, would serve up to
about twice one, less nginx's own share; on two cores shared with nginx and the load generator they serve less.`;
    process.stdout.write(`\n${body}\n`);
    recordSection('Cluster (`npm run bench:cluster`)', body);
  }
} finally {
  await cleanUp();
}
