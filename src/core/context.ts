import type { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { openDatabase, type Database, type DatabaseOptions } from './db/database.ts';
import type { ModuleMigrations } from './db/moduleMigrations.ts';
import { openCache, type Cache } from './cache/index.ts';
import type { Bus } from './bus/bus.ts';
import { createMemoryBus } from './bus/memoryBus.ts';
import { connectRabbitBus } from './bus/rabbitBus.ts';
import { createAuth, type Auth } from './auth/auth.ts';
import { createLeases, type Leases } from './lease/leases.ts';
import { loadSigningKeys } from './auth/keys.ts';
import { StartupError } from './startupFailure.ts';

/**
 * The shared infrastructure every domain module receives. Modules never reach
 * for globals: whatever they need from outside comes through this object, so a
 * test can build a context on PGlite and another on PostgreSQL side by side.
 */
export interface AppContext {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  cache: Cache;
  /** The Redis master, when CACHE_URL is set. */
  redis?: Redis;
  bus: Bus;
  auth: Auth;
  /** Leases with fencing tokens in the database: one node at a time runs what holds one (src/core/lease). */
  leases: Leases;
  /** Registers a cleanup to run (in reverse order) when the context closes. */
  onClose(cleanup: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export interface ContextOptions {
  logger?: Logger;
  /** PGlite in memory instead of under DATA_DIR (tests), optionally from a dumped data directory. */
  inMemoryDb?: DatabaseOptions['inMemory'];
  /**
   * The modules' migrations to apply on opening the database, in order; none when absent
   * (the `migrate` command applies them itself).
   */
  migrations?: readonly ModuleMigrations[];
  bus?: (config: Config, logger: Logger) => Promise<Bus>;
  /**
   * With the Vault backend and no DATABASE_URL: reads the URL from the secrets store before the pool
   * opens. Handed over by the composition root (the secrets module's), since core knows no module.
   */
  databaseUrlFromStore?: (config: Config, logger: Logger) => Promise<string>;
}

export async function createContext(given: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(given);
  const config = await withDatabaseUrl(given, options, logger);
  const metrics = createMetrics();
  const cleanups: Array<() => Promise<void> | void> = [];
  const onClose = (cleanup: () => Promise<void> | void) => cleanups.push(cleanup);
  try {
    // Production without a key file takes its key pair from Vault's `jwt` (the config allows nothing else):
    // no dev key is made, and the secrets module refuses the start if Vault holds none.
    const keys = config.jwtKeysFromStore
      ? undefined
      : await loadSigningKeys(config).catch((err: Error) => {
          throw new StartupError(err.message, { cause: err });
        });
    const auth = createAuth(keys, config);
    const db = await openDatabase(config, metrics, logger, { inMemory: options.inMemoryDb }).catch((err: Error) => {
      throw config.databaseUrl
        ? new StartupError(
            `cannot open PostgreSQL at ${databaseHost(config.databaseUrl)} (${given.databaseUrl ? 'DATABASE_URL' : "Vault's database URL"}): ${describeConnectionError(err)}`,
          )
        : err;
    });
    onClose(() => db.close());
    if (options.migrations) await db.migrate(options.migrations);
    const { cache, redis } = await openCache(config, logger);
    onClose(() => cache.close());
    const bus = options.bus
      ? await options.bus(config, logger)
      : config.RABBIT_URL
        ? await connectRabbitBus({ url: config.RABBIT_URL, exchange: config.RABBIT_EXCHANGE, logger })
        : createMemoryBus(logger);
    onClose(() => bus.close());
    const leases = createLeases(db, logger, { ttlMs: config.LEASE_TTL_SECONDS * 1000 });
    onClose(() => leases.close());
    return {
      config,
      logger,
      metrics,
      db,
      cache,
      redis,
      bus,
      auth,
      leases,
      onClose,
      async close() {
        for (const cleanup of cleanups.reverse()) {
          try {
            await cleanup();
          } catch (err) {
            logger.warn({ err }, 'cleanup failed during shutdown');
          }
        }
        cleanups.length = 0;
      },
    };
  } catch (err) {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    throw err;
  }
}

/**
 * The configuration with the database URL in it: DATABASE_URL, or with the Vault backend the store's, so
 * a node needs only VAULT_ADDR and its login. The embedded backend cannot hold it: it lives in that database.
 * The store's goes in `databaseUrl` only: DATABASE_URL stays unset, telling the secrets module to follow it.
 */
async function withDatabaseUrl(config: Config, options: ContextOptions, logger: Logger): Promise<Config> {
  if (config.databaseUrl || config.secretsBackend !== 'vault') return config;
  if (!options.databaseUrlFromStore)
    throw new StartupError(
      'DATABASE_URL: not set, and this command does not read the database URL from Vault (the node does): set DATABASE_URL',
    );
  const url = await options.databaseUrlFromStore(config, logger);
  return { ...config, databaseUrl: url };
}

/** Host and port of a database URL, without the credentials. */
function databaseHost(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/** A driver error in a few words: its code and first line (an AggregateError from a dual-stack connect names each address). */
function describeConnectionError(err: Error): string {
  const inner = err instanceof AggregateError && err.errors[0] instanceof Error ? err.errors[0] : err;
  const code = (inner as NodeJS.ErrnoException).code;
  const first = (inner.message || String(inner)).split('\n')[0]!;
  return code && !first.includes(code) ? `${code} ${first}` : first;
}
