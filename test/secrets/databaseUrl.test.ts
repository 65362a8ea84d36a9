import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { loadConfig } from '../../src/core/config.ts';
import { createContext } from '../../src/core/context.ts';
import { StartupError, startupFailureLine } from '../../src/core/startupFailure.ts';
import { databaseUrlFromVault } from '../../src/modules/secrets/index.ts';
import { createVaultBackend } from '../../src/modules/secrets/vault/vaultBackend.ts';
import { openPlatform } from '../../src/platform.ts';
import { startNode } from '../../scripts/cluster/nodeProcess.ts';
import { startFakeVault, type FakeVault } from '../fakes/vault/server.ts';
import { freePort } from '../support/ports.ts';
import { eventually } from '../stream/eventually.ts';
import { createTestContext } from '../support/context.ts';
import { startGateway } from '../support/gateway.ts';
import { childPids, dropSchema, runId, services, sharedServicesRun } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';
import { uncachedFeedTraffic } from '../support/uncachedFeedTraffic.ts';

/**
 * The database URL from Vault: with the Vault backend and no DATABASE_URL, the start reads the KV secret
 * `database` (or `supabase`) before the pool opens; anything missing or out of reach stops it in one line.
 */
const silent = pino({ level: 'silent' });
/** The test database accepts any password (trust): this one is there to be looked for where it must not be. */
const PASSWORD = 'pw-never-printed-7f3a';
const urlWithPassword = () => {
  const url = new URL(services.postgresUrl);
  url.password = PASSWORD;
  return url.href;
};

let vault: FakeVault;
beforeAll(async () => {
  vault = await startFakeVault();
});
afterAll(() => vault?.close());

/** Only Vault's address and token: no DATABASE_URL. */
const vaultOnly = (env: Record<string, string> = {}) =>
  loadConfig({
    ENV: 'testing',
    DATA_DIR: tempDir('vault-db'),
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    VAULT_ADDR: vault.url,
    VAULT_TOKEN: vault.rootToken,
    ...env,
  });

/** Each case reads under a prefix of its own, so the secrets of one are not another's. */
async function storeAt(prefix: string, secrets: Record<string, Record<string, string>>) {
  const { kv } = createVaultBackend(vaultOnly({ VAULT_PATH_PREFIX: prefix }), systemClock, silent);
  for (const [path, data] of Object.entries(secrets)) await kv.put(path, data);
  return vaultOnly({ VAULT_PATH_PREFIX: prefix });
}

async function tablesIn(schema: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: services.postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [schema],
    );
    return rows.map((row) => row.table_name);
  } finally {
    await client.end();
  }
}

/** The StartupError a read ends with, as the start prints it. */
async function startupLine(read: Promise<unknown>): Promise<string> {
  const err = await read.then(
    () => new Error('expected the read to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StartupError);
  return startupFailureLine(err)!;
}

describe('the database URL from Vault', () => {
  it('starts a node on PostgreSQL with only VAULT_ADDR and VAULT_TOKEN, the URL never logged', async () => {
    const config = await storeAt('node', { database: { url: urlWithPassword() } });
    const schema = runId('vaultdb');
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const platform = await openPlatform({ ...config, DATABASE_SCHEMA: schema }, { logger });
    try {
      expect(platform.ctx.db.kind).toBe('postgres');
      expect(platform.ctx.config.databaseUrl).toBe(urlWithPassword());
      // The migrations ran in the run's schema of the PostgreSQL the secret names.
      const tables = await tablesIn(schema);
      expect(tables).toContain('secret_versions');
      expect(lines.join('\n')).toContain('the database URL is read from Vault');
      expect(lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await platform.ctx.close();
      await dropSchema(schema);
    }
  });

  it('reads `supabase` when `database` holds nothing, and `database` first when both do', async () => {
    const onlySupabase = await storeAt('supabase-only', {
      supabase: { url: 'postgresql://app@db.example:6543/postgres' },
    });
    expect(await databaseUrlFromVault(onlySupabase, silent)).toBe('postgresql://app@db.example:6543/postgres');
    const both = await storeAt('both', {
      database: { url: 'postgres://app@primary:5432/alphanest' },
      supabase: { url: 'postgresql://app@db.example:6543/postgres' },
    });
    expect(await databaseUrlFromVault(both, silent)).toBe('postgres://app@primary:5432/alphanest');
  });

  it('names the paths, or the field at fault, in one line without the value', async () => {
    expect(await startupLine(databaseUrlFromVault(await storeAt('empty', {}), silent))).toBe(
      'DATABASE_URL is not set and Vault at ' +
        `${vault.url} holds neither secret/data/empty/database nor secret/data/empty/supabase: ` +
        'put it in field url (vault kv put secret/empty/database url=postgresql://…) or set DATABASE_URL',
    );
    const noField = await storeAt('no-field', { database: { host: 'db', password: PASSWORD } });
    expect(await startupLine(databaseUrlFromVault(noField, silent))).toBe(
      "Vault's secret/data/no-field/database (version 1): field url is missing",
    );
    // Supabase's project URL is not its database: refused, a malformed `database` never covered by `supabase`.
    const apiUrl = await storeAt('api-url', {
      database: { url: `https://user:${PASSWORD}@abcd.supabase.co` },
      supabase: { url: 'postgresql://app@db.example:6543/postgres' },
    });
    const refused = await startupLine(databaseUrlFromVault(apiUrl, silent));
    expect(refused).toMatch(
      /^Vault's secret\/data\/api-url\/database \(version 1\): field url must be a postgres:\/\/ or postgresql:\/\/ connection string/,
    );
    expect(refused).not.toContain(PASSWORD);
  });

  it('names VAULT_ADDR when Vault refuses the token or is out of reach', async () => {
    const refused = await startupLine(databaseUrlFromVault(vaultOnly({ VAULT_TOKEN: 'hvs.not-a-token' }), silent));
    expect(refused).toMatch(
      new RegExp(
        `^cannot read the database URL from Vault at ${vault.url} \\(VAULT_ADDR\\), secret/data/database: Vault answered 403`,
      ),
    );
    const closed = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await startupLine(
      databaseUrlFromVault(vaultOnly({ VAULT_ADDR: closed, VAULT_TIMEOUT_MS: '1000' }), silent),
    );
    expect(unreachable).toMatch(
      new RegExp(
        `^cannot read the database URL from Vault at ${closed} \\(VAULT_ADDR\\), secret/data/database: .*out of reach`,
      ),
    );
    expect(unreachable).not.toContain('\n');
  });

  it('is refused by a context that was not handed the read (a command that does not read Vault)', async () => {
    expect(await startupLine(createContext(vaultOnly(), { logger: silent }))).toMatch(
      /^DATABASE_URL: not set, and this command does not read the database URL from Vault/,
    );
  });

  it('serves the commands that open a context of their own: `alphanest migrate` and `secrets status`', async () => {
    await storeAt('cli', { database: { url: urlWithPassword() } });
    const schema = runId('vaultcli');
    const cli = join(import.meta.dirname, '../../src/cli/main.ts');
    const env = {
      PATH: process.env.PATH,
      LOG_LEVEL: 'warn',
      DATA_DIR: tempDir('vault-db-cli'),
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: vault.rootToken,
      VAULT_PATH_PREFIX: 'cli',
      DATABASE_SCHEMA: schema,
    };
    const alphanest = (args: string[]) => promisify(execFile)(process.execPath, [cli, ...args], { env, cwd: tmpdir() });
    try {
      const migrated = await alphanest(['migrate']);
      expect(migrated.stdout).toContain(`migrations applied (postgres, schema ${schema})`);
      expect(`${migrated.stdout}${migrated.stderr}`).not.toContain(PASSWORD);
      expect(await tablesIn(schema)).toContain('intelligence_items');
      expect((await alphanest(['secrets', 'status'])).stdout).toContain('vault');
    } finally {
      await dropSchema(schema);
    }
  });

  it('stops `npm start` with one line and exit status 2 when Vault is out of reach', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const main = join(import.meta.dirname, '../../src/main.ts');
    const env = {
      PATH: process.env.PATH,
      LOG_LEVEL: 'warn',
      DATA_DIR: tempDir('vault-db-main'),
      VAULT_ADDR: closed,
      VAULT_TOKEN: 'hvs.any',
      VAULT_TIMEOUT_MS: '1000',
    };
    const failed = await promisify(execFile)(process.execPath, [main], { env, cwd: tmpdir() }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(
      new RegExp(`^alphanest: cannot read the database URL from Vault at ${closed} \\(VAULT_ADDR\\), [^\\n]*\\n$`),
    );
  });
});

/** The status of one GET on a connection of its own, so the primary hands each to the next worker in turn. */
const statusOnce = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.end();
  });

describe('the database URL from Vault with WORKERS=2', () => {
  it('lets each worker read it from Vault: both serve PostgreSQL, the URL in no process table, environment or log', async () => {
    await storeAt('workers', { database: { url: urlWithPassword() } });
    const run = sharedServicesRun('vaultworkers');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const gateway = startNode('gateway', 'gateway', {
      url,
      env: {
        PATH: process.env.PATH,
        WORKERS: '2',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: tempDir('vault-db-workers'),
        VAULT_ADDR: vault.url,
        VAULT_TOKEN: vault.rootToken,
        VAULT_PATH_PREFIX: 'workers',
        ...run.env,
        DEMO_DATA: 'false',
        AGENTS_ENABLED: 'false',
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_SECONDS: '5',
      },
    });
    try {
      const reads = () =>
        gateway
          .output()
          .split('\n')
          .filter((line) => line.includes('the database URL is read from Vault'));
      const listening = () =>
        gateway
          .output()
          .split('\n')
          .filter((line) => line.includes('AlphaNest ready'));
      // Each worker reads the secret itself as it starts; the primary never does (it opens no database).
      await eventually(async () => {
        if (gateway.child.exitCode !== null) throw new Error(`the gateway exited:\n${gateway.output()}`);
        expect(gateway.output()).toContain('workers started');
        expect(listening()).toHaveLength(2);
      }, 120_000);
      expect(reads()).toHaveLength(2);
      // Four connections, handed out in turn: each worker answers from the database the secret names.
      for (let n = 0; n < 4; n++) expect(await statusOnce(`${url}/api/v1/intelligence/?size=1`)).toBe(200);
      expect(await tablesIn(run.schema)).toContain('intelligence_items');

      const primary = gateway.child.pid!;
      const workers = childPids(primary);
      expect(workers).toHaveLength(2);
      for (const pid of [primary, ...workers]) {
        expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(PASSWORD);
        expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(PASSWORD);
      }
      expect(gateway.output()).not.toContain(PASSWORD);
    } finally {
      await gateway.stop('SIGTERM');
      await run.remove();
    }
  }, 180_000);
});

describe('a new version of `database` while the node serves', () => {
  it('moves the pool onto it within SECRETS_REFRESH_SECONDS under traffic, and refuses a database without the schema', async () => {
    const tag = randomBytes(3).toString('hex');
    // Another login on the same server, sharing the tables' owner's rights: the URL's new version logs in as it.
    const mover = `an_url_${tag}`;
    const admin = new pg.Client({ connectionString: services.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${mover} LOGIN IN ROLE ${new URL(services.postgresUrl).username}`);
    const moved = new URL(services.postgresUrl);
    moved.username = mover;
    moved.password = 'second-pw-never-printed-91d2';
    // The same server's `postgres` database, where the run's schema does not exist.
    const elsewhere = new URL(services.postgresUrl);
    elsewhere.pathname = '/postgres';
    elsewhere.password = 'third-pw-never-printed-b07e';

    const prefix = `moves-${tag}`;
    const { kv } = createVaultBackend(vaultOnly({ VAULT_PATH_PREFIX: prefix }), systemClock, silent);
    await kv.put('database', { url: urlWithPassword() });
    const logs: string[] = [];
    const ctx = await createTestContext({
      backend: 'postgres',
      logger: pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) }),
      databaseUrlFromStore: databaseUrlFromVault,
      env: {
        DATABASE_URL: '',
        VAULT_ADDR: vault.url,
        VAULT_TOKEN: vault.rootToken,
        VAULT_PATH_PREFIX: prefix,
        SECRETS_REFRESH_SECONDS: '1',
        GLOBAL_LIMIT_TIMES: '1000000',
      },
    });
    const gateway = await startGateway(ctx).catch(async (err) => {
      await ctx.close();
      throw err;
    });
    /** Who the pool's connections log in as: several at once, so several connections answer. */
    const poolLogins = async () => {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => ctx.db.drizzle.execute(sql`SELECT session_user AS login, pg_sleep(0.05)`)),
      );
      return new Set(answers.map((answer) => (answer as unknown as { rows: Array<{ login: string }> }).rows[0]!.login));
    };
    const logged = (text: string) => logs.some((line) => line.includes(text));

    const traffic = uncachedFeedTraffic(gateway.url);
    try {
      expect(await poolLogins()).toEqual(new Set([new URL(services.postgresUrl).username]));
      await eventually(() => expect(traffic.served()).toBeGreaterThan(0), 60_000);
      await kv.put('database', { url: moved.href });
      // The timer's refresh reads it and moves the pool; the connections made before have closed once it says so.
      await eventually(() => expect(logged('the pool moved onto the new database URL')).toBe(true), 60_000);
      expect(await poolLogins()).toEqual(new Set([mover]));
      const servedBefore = traffic.served();
      await eventually(() => expect(traffic.served()).toBeGreaterThan(servedBefore), 60_000);

      // A URL whose database lacks the migrated schema is refused: the pool stays, and says why.
      await kv.put('database', { url: elsewhere.href });
      await eventually(() => expect(logged('holds no platform migrations there')).toBe(true), 60_000);
      expect(await poolLogins()).toEqual(new Set([mover]));
      await traffic.stop();
      expect(traffic.failures).toEqual([]);
      for (const password of [PASSWORD, moved.password, elsewhere.password])
        expect(logs.join('\n')).not.toContain(password);
    } finally {
      await traffic.stop();
      await gateway.close();
      await ctx.close();
      await admin.query(`DROP OWNED BY ${mover}`);
      await admin.query(`DROP ROLE ${mover}`);
      await admin.end();
    }
  }, 180_000);
});
