import { z } from 'zod';
import { systemClock } from '../../core/clock.ts';
import type { Config } from '../../core/config.ts';
import { DomainError } from '../../core/domainErrors.ts';
import type { Database } from '../../core/db/database.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import { StartupError } from '../../core/startupFailure.ts';
import type { KvEngine } from './backend.ts';
import { createVaultBackend } from './vault/vaultBackend.ts';
import { failureDetail } from './vault/secretsUnavailable.ts';

/**
 * Where the URL may be, in order: `database` is the platform's own name for it; `supabase` is the
 * specification's, for a deployment that already keeps its connection string there. The first that
 * holds a version is used: a malformed `database` is a mistake to fix, never covered by `supabase`.
 */
const DATABASE_SECRETS = ['database', 'supabase'] as const;

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });

/** What the start prints for a field at fault: its name and what it must be, never its value. */
function fieldProblem(value: string | undefined): string {
  if (value === undefined) return 'field url is missing';
  return 'field url must be a postgres:// or postgresql:// connection string (for Supabase: the database connection string, not the https API URL)';
}

type DatabaseUrlConfig = Pick<Config, 'VAULT_ADDR' | 'VAULT_KV_MOUNT' | 'VAULT_PATH_PREFIX'>;

/**
 * Field `url` of the KV v2 secret `database`, or of `supabase` when `database` holds nothing, with the
 * secret and version it came from. Every failure is a one-line StartupError naming VAULT_ADDR, or the path
 * and field at fault; the URL itself (it holds a password) never appears in an error or a log.
 */
async function readDatabaseUrl(
  kv: KvEngine,
  config: DatabaseUrlConfig,
): Promise<{ url: string; secret: string; version: number }> {
  const prefixed = (path: string) => (config.VAULT_PATH_PREFIX ? `${config.VAULT_PATH_PREFIX}/${path}` : path);
  const where = (path: string) => `${config.VAULT_KV_MOUNT}/data/${prefixed(path)}`;
  for (const path of DATABASE_SECRETS) {
    const secret = await kv.get(path).catch((err: Error) => {
      // Out of reach, sealed, or a refusal (403: the token's policy): each names Vault and what it answered.
      const cause = err instanceof DomainError ? failureDetail(err) : `${err.name}: ${err.message}`;
      throw new StartupError(
        `cannot read the database URL from Vault at ${config.VAULT_ADDR} (VAULT_ADDR), ${where(path)}: ${cause.replace(/\s*\n\s*/g, ' ')}`,
      );
    });
    if (!secret) continue;
    const url = postgresUrl.safeParse(secret.data.url);
    if (!url.success)
      throw new StartupError(`Vault's ${where(path)} (version ${secret.version}): ${fieldProblem(secret.data.url)}`);
    return { url: url.data, secret: path, version: secret.version };
  }
  throw new StartupError(
    `DATABASE_URL is not set and Vault at ${config.VAULT_ADDR} holds neither ${where('database')} nor ${where('supabase')}: ` +
      `put it in field url (vault kv put ${config.VAULT_KV_MOUNT}/${prefixed('database')} url=postgresql://…) or set DATABASE_URL`,
  );
}

/**
 * Whether Vault holds a version of `database` or `supabase`, well formed or not: without DATABASE_URL, what the
 * CLI needs before it opens the database, or does without it (KV and transit talk to Vault alone).
 */
export async function holdsDatabaseSecret(kv: KvEngine): Promise<boolean> {
  for (const path of DATABASE_SECRETS) if (await kv.get(path)) return true;
  return false;
}

/**
 * With the Vault backend and no DATABASE_URL, the URL the pool opens. Read once before the context exists
 * (the pool opens first), with the Vault client's deadline (VAULT_TIMEOUT_MS) and retries; a node cannot
 * start without its database, so every failure stops the start in one line.
 */
export async function databaseUrlFromVault(config: Config, logger: Logger): Promise<string> {
  // Every failure ends the start with a line naming Vault and what it met (readDatabaseUrl): not logged as well.
  const read = await readDatabaseUrl(createVaultBackend(config, systemClock, logger, { logOutages: false }).kv, config);
  logger.info({ secret: read.secret, version: read.version }, 'secrets: the database URL is read from Vault');
  return read.url;
}

/**
 * For a node whose URL came from Vault at start: reads it again (each refresh), and when it differs from
 * the one in use moves the pool onto it (Database.useUrl: the new URL must connect and hold the migrated
 * schema, then new connections go there). Resolves once they do: the connections made before drain on
 * their own, within DATABASE_DRAIN_TIMEOUT_MS, so a long transaction never holds up the refresh of the other
 * secrets. A newer version read meanwhile moves the pool again. A failure leaves the pool where it is, and
 * the next refresh tries again.
 */
export function followDatabaseUrl(
  kv: KvEngine,
  db: Required<Pick<Database, 'useUrl'>>,
  inUse: string,
  config: DatabaseUrlConfig & Pick<Config, 'DATABASE_DRAIN_TIMEOUT_MS'>,
  logger: Logger,
): () => Promise<void> {
  let current = inUse;
  return async () => {
    const read = await readDatabaseUrl(kv, config);
    if (read.url === current) return;
    const fields = { secret: read.secret, version: read.version };
    logger.info(fields, 'secrets: a new database URL in Vault; the pool moves onto it');
    const { drained } = await db.useUrl(read.url, config.DATABASE_DRAIN_TIMEOUT_MS);
    current = read.url;
    drained.then(
      ({ ended }) =>
        ended
          ? logger.warn(
              { ...fields, ended, drain_timeout_ms: config.DATABASE_DRAIN_TIMEOUT_MS },
              'secrets: the pool moved onto the new database URL; connections to the one before outlived DATABASE_DRAIN_TIMEOUT_MS and were ended',
            )
          : logger.info(
              fields,
              'secrets: the pool moved onto the new database URL; connections to the one before are closed',
            ),
      (err: Error) =>
        logger.warn(
          { ...fields, err: errorText(err) },
          'secrets: draining the connections to the database URL before failed',
        ),
    );
  };
}
