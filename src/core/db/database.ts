import { makeDirectory } from '../makeDirectory.ts';
import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Config } from '../config.ts';
import type { Metrics } from '../metrics.ts';
import type { Logger } from '../logger.ts';
import { createLogThrottle, type LogThrottle } from '../logThrottle.ts';
import { type ServiceHealth, timed } from '../health.ts';
import { lockDataDir } from './dataDirLock.ts';
import { pgliteDir } from './pgliteDir.ts';
import type { PostgresTimeouts } from './postgresClient.ts';
import { migrateModules, type ModuleMigrations } from './moduleMigrations.ts';
import { errorText } from '../logger.ts';

export type Drizzle = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/**
 * The platform database: real PostgreSQL through `pg` when DATABASE_URL is set,
 * otherwise PGlite (PostgreSQL compiled to WASM) under DATA_DIR. Both speak the
 * same SQL, so migrations and repositories are written once.
 */
export interface Database {
  kind: 'postgres' | 'pglite';
  drizzle: Drizzle;
  /** Schema holding the platform's tables (tests use one per run). */
  schema: string;
  /**
   * Runs a statement the application issues very often as a named prepared
   * statement: PostgreSQL parses, rewrites and plans it once per connection
   * instead of on every call. The same name must always carry the same
   * statement text. PGlite, in process, runs it as it is.
   */
  prepared(name: string, statement: SQL): Promise<{ rows: Array<Record<string, unknown>> }>;
  /** Applies each module's pending migrations, in the order given. */
  migrate(migrations: readonly ModuleMigrations[]): Promise<void>;
  health(): Promise<ServiceHealth>;
  /**
   * PostgreSQL only, for dynamic credentials (the secrets module): new connections log in as `login`
   * from now on, replacing DATABASE_URL's user and password; connections made before finish what they
   * are doing and are closed instead of serving again. Resolves as soon as new connections use `login`;
   * the drain of the others goes on by itself, ended after `drainMs` (PoolMove.drained).
   */
  useLogin?(login: DatabaseLogin, drainMs: number): Promise<PoolMove>;
  /**
   * PostgreSQL only, for a database URL kept in the secrets store: new connections go to `url` from now
   * on (with the login in use, when there is one), the ones made before drain as for `useLogin`. First a
   * connection is made to `url` and must find the platform's migrated schema there: a URL that cannot
   * serve (unreachable, refused, an empty database) is an error and the pool stays where it is.
   */
  useUrl?(url: string, drainMs: number): Promise<PoolMove>;
  close(): Promise<void>;
}

interface DatabaseLogin {
  user: string;
  password: string;
}

/** The pool moved onto a new URL or login (Database.useUrl, useLogin): new connections go there already. */
interface PoolMove {
  /**
   * Settles once no connection made before the move is open. They close as they finish their work; those still
   * open after the drain's deadline are ended (their work in flight fails), and `ended` counts them. A caller
   * waiting for it must not hold up anything else meanwhile: a long transaction may take the whole deadline.
   */
  drained: Promise<{ ended: number }>;
}

/** `url` with another user and password. */
function withLogin(url: string, login: DatabaseLogin): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(login.user);
  parsed.password = encodeURIComponent(login.password);
  return parsed.toString();
}

export interface DatabaseOptions {
  /**
   * PGlite only: keep the database in memory (tests) instead of under DATA_DIR, optionally starting from a dump of
   * a data directory instead of an empty cluster: making one (initdb, in WASM) takes seconds, so tests start from
   * one dumped once, already migrated.
   */
  inMemory?: boolean | { template: Blob };
}

type PostgresConfig = Pick<Config, 'DATABASE_SCHEMA' | 'DATABASE_POOL_SIZE'> & PostgresTimeouts;

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'DATA_DIR'> & PostgresConfig,
  metrics: Metrics,
  logger: Logger,
  options: DatabaseOptions = {},
): Promise<Database> {
  const schema = config.DATABASE_SCHEMA ?? 'public';
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl, schema, config, metrics, logger)
    : await openPglite(config.DATA_DIR, schema, logger, options);
  return db;
}

/**
 * Migrations may rewrite large tables, and waiting for another node's
 * migrations is legitimate: their connection gets a longer (but still finite)
 * statement deadline than requests do.
 */
const MIGRATION_STATEMENT_TIMEOUT_MS = 300_000;

/**
 * Counts and logs a lost connection. An outage loses every pooled connection
 * at once, with the same error each time: one line per kind of error per 10 s,
 * with how many were suppressed.
 */
export function connectionLossReporter(metrics: Metrics, logger: Logger, throttle: LogThrottle = createLogThrottle()) {
  return (err: Error) => {
    metrics.dbConnectionErrors.inc();
    const admitted = throttle.admit(err.message);
    if (admitted)
      logger.warn(
        { err: errorText(err), ...(admitted.suppressed > 0 && { suppressed: admitted.suppressed }) },
        'database connection lost',
      );
  };
}

async function openPostgres(
  url: string,
  schema: string,
  config: PostgresConfig,
  metrics: Metrics,
  logger: Logger,
): Promise<Database> {
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const { DeadlineClient, DeadlinePool, postgresClientConfig } = await import('./postgresClient.ts');
  const connectionLost = connectionLossReporter(metrics, logger);

  const bootstrap = new DeadlineClient(postgresClientConfig(url, schema, config));
  bootstrap.on('error', connectionLost); // its query fails too: the start reports that
  await bootstrap.connect();
  try {
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await bootstrap.end();
  }
  // Each pooled connection belongs to the URL and login it was made with (a generation: the first is 0).
  let target: { url: string; login?: DatabaseLogin } = { url };
  const connectionString = ({ url, login }: typeof target) => (login ? withLogin(url, login) : url);
  let generation = 0;
  const generationOf = new WeakMap<object, number>();
  /** The open connections of each generation still holding any. */
  const openBy = new Map<number, Set<pg.PoolClient>>();
  const removed = new Set<() => void>();
  class LoginClient extends DeadlineClient {
    constructor(clientConfig?: pg.ClientConfig) {
      super({ ...clientConfig, connectionString: connectionString(target) });
      generationOf.set(this, generation);
    }
  }
  const pool = new DeadlinePool({
    ...postgresClientConfig(url, schema, config),
    Client: LoginClient,
    max: config.DATABASE_POOL_SIZE,
  });
  pool.retired = (client) => generationOf.get(client) !== generation;
  pool.on('connect', (client) => {
    const of = generationOf.get(client)!;
    openBy.set(of, (openBy.get(of) ?? new Set()).add(client));
  });
  pool.on('remove', (client) => {
    const of = generationOf.get(client)!;
    const open = openBy.get(of);
    open?.delete(client);
    if (open?.size === 0) openBy.delete(of);
    for (const wake of removed) wake();
  });
  // A connection can die while idle in the pool or while checked out (inside a
  // transaction): either way the query in flight fails and the pool replaces
  // the client. An 'error' event nobody listens to would end the process. The
  // client's own listener hears both cases; the pool re-emits an idle client's
  // error, which must be listened to but was already reported.
  pool.on('connect', (client) => client.on('error', connectionLost));
  pool.on('error', () => {});
  metrics.gauge('db_pool_connections', 'Database pool connections by state', ['state'], (g) => {
    g.set({ state: 'total' }, pool.totalCount);
    g.set({ state: 'idle' }, pool.idleCount);
    g.set({ state: 'waiting' }, pool.waitingCount);
  });
  const nextRemoval = () =>
    new Promise<void>((wake) => {
      const once = () => {
        removed.delete(once);
        wake();
      };
      removed.add(once);
    });
  /**
   * Moves new connections to `next` at once; the drain of the connections made before runs on its own: idle ones
   * are closed now, busy ones as they come back, and any still open after `drainMs` are ended. A move made while
   * an earlier one drains is its own drain: each waits only for the connections older than itself.
   */
  async function drainOnto(next: typeof target, drainMs: number): Promise<{ ended: number }> {
    target = next;
    const current = ++generation;
    const older = () => [...openBy].flatMap(([of, open]) => (of < current ? [...open] : []));
    let ended = 0;
    const deadline = setTimeout(() => {
      for (const client of older()) {
        ended++;
        client.end().catch(() => {}); // its query in flight fails, and the pool removes it (releasedWhenLost)
      }
    }, drainMs);
    try {
      await pool.closeRetiredIdle();
      while (older().length > 0) await nextRemoval();
    } finally {
      clearTimeout(deadline);
    }
    return { ended };
  }
  /** A URL the pool may move to: it connects, and its database holds the schema migrated (a bookkeeping table). */
  async function checkServes(next: typeof target): Promise<void> {
    const probe = new DeadlineClient({
      ...postgresClientConfig(next.url, schema, config),
      connectionString: connectionString(next),
    });
    probe.on('error', connectionLost);
    await probe.connect();
    try {
      const { rows } = await probe.query(
        `SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1 AND starts_with(tablename, '__migrations_')) AS migrated`,
        [schema],
      );
      if (!rows[0].migrated)
        throw new Error(`schema ${schema} holds no platform migrations there: run alphanest migrate against it first`);
    } finally {
      await probe.end();
    }
  }
  const db = drizzle(pool) as unknown as Drizzle;
  const dialect = new PgDialect();
  return {
    kind: 'postgres',
    drizzle: db,
    schema,
    prepared(name, statement) {
      const { sql: text, params } = dialect.sqlToQuery(statement);
      return pool.query({ name, text, values: params });
    },
    async migrate(migrations) {
      // Nodes starting together must not run the same migration twice: serialise them on an advisory lock, and migrate on the connection holding it.
      const lock = new DeadlineClient(
        // The URL's own login, as at start: a dynamic one may not have been issued yet.
        postgresClientConfig(target.url, schema, config, MIGRATION_STATEMENT_TIMEOUT_MS),
      );
      lock.on('error', connectionLost);
      await lock.connect();
      try {
        await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`alphanest-migrate:${schema}`]);
        const onLock = drizzle(lock) as unknown as Drizzle;
        await migrateModules(onLock, schema, migrations, (config) => migrate(onLock as never, config), logger);
      } finally {
        await lock.end();
      }
    },
    health: () => timed(() => db.execute(sql`select 1`), 'postgres'),
    useLogin: async (login, drainMs) => ({ drained: drainOnto({ ...target, login }, drainMs) }),
    async useUrl(next, drainMs) {
      await checkServes({ ...target, url: next });
      return { drained: drainOnto({ ...target, url: next }, drainMs) };
    },
    close: () => pool.end(),
  };
}

async function openPglite(
  dataDir: string,
  schema: string,
  logger: Logger,
  options: DatabaseOptions,
): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let dir: string | undefined;
  let unlock = () => {};
  if (!options.inMemory) {
    dir = pgliteDir(dataDir);
    makeDirectory(dir);
    unlock = lockDataDir(dataDir);
  }
  let client: Awaited<ReturnType<typeof PGlite.create>>;
  try {
    client = await PGlite.create(dir, {
      loadDataDir: typeof options.inMemory === 'object' ? options.inMemory.template : undefined,
    });
    if (schema !== 'public')
      await client.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}", public;`);
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzle(client) as unknown as Drizzle;
  return {
    kind: 'pglite',
    drizzle: db,
    schema,
    prepared: async (_name, statement) =>
      (await db.execute(statement)) as unknown as { rows: Array<Record<string, unknown>> },
    migrate: (migrations) => migrateModules(db, schema, migrations, (config) => migrate(db as never, config), logger),
    health: () => timed(() => db.execute(sql`select 1`), 'pglite'),
    async close() {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}
