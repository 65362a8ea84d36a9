/**
 * `npm run bench:secrets`: in one run, on this machine,
 *   (a) uncached feed requests per second on PostgreSQL while the pool's database login is replaced
 *       every 5 s (the embedded engine's own logins, DATABASE_ADMIN_URL, DB_CREDENTIAL_TTL=10 s: a new
 *       one halfway), against the same gateway without rotation; target ≥ 95 %, zero errors;
 *   (b) transit encrypt + decrypt of one chat message (title, question, answer: one batch each way, as
 *       the chat's storage does) with the embedded backend; target ≤ 1 ms at p50.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { createSecretsModule } from '../src/modules/secrets/index.ts';
import { platformModules } from '../src/platform.ts';
import { type LoadResult, load, machine, median, recordSection, serveInChild, table } from './support.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const ROWS = 20_000;
const ROUNDS = 2;
const SECONDS = 15;
const MESSAGES = 2_000;
/** A chat answer of a few sentences (about 600 characters). */
const ANSWER = 'The market moved on the news; BTC held its range while ETH flows picked up. '.repeat(8);
const tag = randomBytes(3).toString('hex');
const schema = `bench_secrets_${tag}`;
const owner = `bench_owner_${tag}`;
const database = new URL(DATABASE_URL).pathname.slice(1);
const server = fileURLToPath(new URL('./feedServer.ts', import.meta.url));
const env = {
  DATABASE_URL,
  DATABASE_SCHEMA: schema,
  DATABASE_OWNER_ROLE: owner,
  DEMO_DATA: 'false',
  GLOBAL_LIMIT_TIMES: '1000000',
  LOG_LEVEL: 'warn',
  DATA_DIR: `/tmp/${schema}`,
  SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
};
const rotating = { ...env, DATABASE_ADMIN_URL: DATABASE_URL, DB_CREDENTIAL_TTL: '10' };

const admin = new pg.Client({ connectionString: DATABASE_URL });

async function seed() {
  await admin.query(`CREATE ROLE ${owner} NOLOGIN`);
  await admin.query(`GRANT CREATE ON DATABASE "${database}" TO ${owner}`);
  const ctx = await createContext(loadConfig(env), {
    logger: pino({ level: 'warn' }),
    migrations: platformModules.migrations(),
  });
  await ctx.close();
  await admin.query(`
    INSERT INTO "${schema}".intelligence_items (dedupe_key, type, title, content, sentiment_label, sentiment_score, value_score, high_value,
      value_reasons, tokens, token_keys, source_kind, source_name, agent_id, agents, published_at)
    SELECT 'bench:' || g, 'news', 'Bench item ' || g, 'Synthetic commentary ' || g, 'neutral', 0, g % 100, g % 100 >= 70,
      '["benchmark row"]', '[{"symbol":"BTC","name":"Bitcoin","chain":"bitcoin","address":null}]', ARRAY['BTC'],
      'news', 'bench', 'ingest', ARRAY['ingest'], timestamptz '2026-01-01' - make_interval(secs => g)
    FROM generate_series(1, ${ROWS}) AS g`);
  await admin.query(`ANALYZE "${schema}".intelligence_items`);
}

async function cleanUp() {
  rmSync(env.DATA_DIR, { recursive: true, force: true });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.query(`REVOKE CREATE ON DATABASE "${database}" FROM ${owner}`).catch(() => {});
  const { rows } = await admin.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles WHERE starts_with(rolname, 'alphanest_login_') AND pg_has_role(rolname, $1, 'MEMBER')`,
    [owner],
  );
  for (const { rolname } of rows) {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [rolname]);
    await admin.query(`DROP ROLE IF EXISTS "${rolname}"`);
  }
  await admin.query(`DROP ROLE IF EXISTS ${owner}`);
}

/** A query string that never repeats: every request misses the cache and reaches PostgreSQL. */
let uniq = 0;
const untilBase = Date.now() + 180 * 86_400_000;
const uncached: autocannon.Request = {
  method: 'GET',
  setupRequest: (req: autocannon.Request) => ({
    ...req,
    path: `/api/v1/intelligence/?size=20&until=${new Date(untilBase - uniq++).toISOString()}`,
  }),
};

/** One gateway in a child process under load; with rotation, the logins its sessions used (sampled). */
async function run(withRotation: boolean): Promise<LoadResult & { logins: number }> {
  const gateway = await serveInChild(server, ['gateway'], withRotation ? rotating : env);
  const logins = new Set<string>();
  let sampling = withRotation;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await admin.query<{ usename: string }>(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE starts_with(usename, 'alphanest_login_')`,
      );
      for (const row of rows) logins.add(row.usename);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  try {
    const result = await load({ url: gateway.url, requests: [uncached], connections: 10, duration: SECONDS });
    return { ...result, logins: logins.size };
  } finally {
    sampling = false;
    await sampler;
    await gateway.stop();
  }
}

/** Per chat message: its three texts encrypted in one batch and decrypted in one, as the chat's storage does. */
async function transitPerMessage(): Promise<{ p50: number; p99: number; bytes: number }> {
  const ctx = await createContext(loadConfig(env), {
    logger: pino({ level: 'warn' }),
    migrations: platformModules.migrations(),
  });
  try {
    const { cipher } = createSecretsModule(ctx);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < MESSAGES + 100; i++) {
      const texts = [`Title ${i}`, `What about token number ${i}?`, ANSWER];
      const start = performance.now();
      const sealed = await cipher.encrypt(texts);
      await cipher.decrypt(sealed);
      if (i >= 100) times.push(performance.now() - start); // the first hundred warm up (key unsealed, JIT)
      bytes = sealed.reduce((n, c) => n + c.length, 0) - texts.reduce((n, t) => n + t.length, 0);
    }
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]!, bytes };
  } finally {
    await ctx.close();
  }
}

await admin.connect();
try {
  process.stdout.write(`seeding ${ROWS} items into PostgreSQL schema ${schema}…\n`);
  await seed();
  const still: LoadResult[] = [];
  const moving: Array<LoadResult & { logins: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    still.push(await run(false));
    moving.push(await run(true));
  }
  const transit = await transitPerMessage();

  const rps = (runs: LoadResult[]) => median(runs.map((r) => r.requestsPerSecond));
  const errors = (runs: LoadResult[]) => runs.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const ratio = rps(moving) / rps(still);
  const rows = [
    [
      '(a) uncached feed page, fixed login',
      rps(still),
      median(still.map((r) => r.p50)),
      median(still.map((r) => r.p99)),
      errors(still),
      '100 %',
      '',
    ],
    [
      '(a) uncached feed page, login replaced every 5 s',
      rps(moving),
      median(moving.map((r) => r.p50)),
      median(moving.map((r) => r.p99)),
      errors(moving),
      `${Math.round(ratio * 100)} %`,
      `≥ 95 %, 0 errors: ${ratio >= 0.95 && errors(moving) === 0 ? 'met' : 'missed'}`,
    ],
    [
      '(b) transit encrypt + decrypt per chat message (embedded)',
      '',
      transit.p50.toFixed(3),
      transit.p99.toFixed(3),
      '',
      '',
      `≤ 1 ms at p50: ${transit.p50 <= 1 ? 'met' : 'missed'}`,
    ],
  ];
  const report =
    `${table(['case', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ratio', 'target'], rows)}\n\n` +
    `Machine: ${machine()}. ${ROWS.toLocaleString('en')} items on PostgreSQL; the gateway in a child process, ` +
    `autocannon in the parent, 10 connections, ${SECONDS} s a run, ${ROUNDS} rounds alternating (medians). ` +
    `Rotation: the embedded engine's logins (DATABASE_ADMIN_URL, DB_CREDENTIAL_TTL=10 s), ` +
    `${moving.map((r) => r.logins).join(' and ')} logins seen in pg_stat_activity in the rotating runs. ` +
    `(b): ${MESSAGES.toLocaleString('en')} messages (title, question, a ${ANSWER.length}-character answer), ` +
    `one transit batch each way on the embedded backend; ciphertext adds ${transit.bytes} bytes a message.`;
  process.stdout.write(`\n${report}\n`);
  recordSection('Secrets (`npm run bench:secrets`)', report);
} finally {
  await cleanUp();
  await admin.end();
}
