import type { Config } from '../../../core/config.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Database } from '../../../core/db/database.ts';
import type { SecretsBackend } from '../backend.ts';
import { durationSeconds } from '../../../core/duration.ts';
import { createEmbeddedDatabase } from './embeddedDatabase.ts';
import { createEmbeddedKv } from './embeddedKv.ts';
import { createEmbeddedTotp } from './embeddedTotp.ts';
import { createEmbeddedTransit } from './embeddedTransit.ts';
import { loadMasterKey, masterKeySource } from './masterKey.ts';
import { checkedMasterKey } from './masterKeyCheck.ts';

/** The secrets engine in the platform's own database, with Vault's behaviour: what `npm start` uses. */
export function createEmbeddedBackend(
  db: Database,
  config: Pick<
    Config,
    | 'SECRETS_MASTER_KEY'
    | 'DATA_DIR'
    | 'SECRETS_REFRESH_SECONDS'
    | 'DATABASE_ADMIN_URL'
    | 'DATABASE_OWNER_ROLE'
    | 'DB_CREDENTIAL_TTL'
    | 'DATABASE_CONNECT_TIMEOUT_MS'
    | 'DATABASE_STATEMENT_TIMEOUT_MS'
    | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'
  >,
  clock: Pick<Clock, 'now'>,
): SecretsBackend {
  // Read (or generated) and checked on first use: building the module does no I/O.
  const masterKey = checkedMasterKey(db, () => loadMasterKey(config), masterKeySource(config));
  const now = () => clock.now();
  const { DATABASE_ADMIN_URL } = config;
  const database =
    DATABASE_ADMIN_URL &&
    createEmbeddedDatabase({
      ...config,
      DATABASE_ADMIN_URL,
      dbCredentialTtlSeconds: durationSeconds(config.DB_CREDENTIAL_TTL)!,
    });
  return {
    kind: 'embedded',
    kv: createEmbeddedKv(db, masterKey),
    transit: createEmbeddedTransit(db, masterKey, config.SECRETS_REFRESH_SECONDS * 1000, now),
    totp: createEmbeddedTotp(db, masterKey, now),
    ...(database && { database }),
    async health() {
      return (await db.health()).status === 'up' ? 'ok' : 'unreachable';
    },
  };
}
