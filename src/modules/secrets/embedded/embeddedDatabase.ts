import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../../../core/config.ts';
import { DeadlineClient, DeadlinePool, postgresClientConfig } from '../../../core/db/postgresClient.ts';
import type { DatabaseCredentialsEngine } from '../backend.ts';

type EmbeddedDatabaseConfig = Pick<
  Config,
  | 'DATABASE_CONNECT_TIMEOUT_MS'
  | 'DATABASE_STATEMENT_TIMEOUT_MS'
  | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'
  | 'DATABASE_OWNER_ROLE'
> & { DATABASE_ADMIN_URL: string; dbCredentialTtlSeconds: number };

/** Every login this engine makes starts so; a role of that name whose time has passed is one to drop. */
const LOGIN_PREFIX = 'alphanest_login_';

/**
 * The embedded backend's database engine, doing with DATABASE_ADMIN_URL (a role that may create roles)
 * what Vault's does: a login role with a random password, `VALID UNTIL` its lease's end, member of
 * DATABASE_OWNER_ROLE so it reaches the platform's tables; revoked by ending its sessions and dropping
 * it. Its logins are not renewed: the pool moves onto a new one before each ends (DB_CREDENTIAL_TTL).
 * Logins left behind by a node that died are dropped when their time has passed, at the next issue.
 */
export function createEmbeddedDatabase(config: EmbeddedDatabaseConfig): DatabaseCredentialsEngine {
  // The platform's client settings (a deadline on connect and on every query, keep-alive), acting as
  // the admin role itself: no owner role to SET, and it reads only the catalogue.
  const admin = new DeadlinePool({
    ...postgresClientConfig(config.DATABASE_ADMIN_URL, 'public', { ...config, DATABASE_OWNER_ROLE: undefined }),
    Client: DeadlineClient,
    max: 2,
  });
  admin.on('error', () => {}); // an idle admin connection lost: the next call opens another

  async function drop(role: string) {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
    await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
  }

  return {
    async issue() {
      const { rows } = await admin.query<{ rolname: string }>(
        `SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) AND rolvaliduntil < now()`,
        [LOGIN_PREFIX],
      );
      for (const { rolname } of rows) await drop(rolname);
      const user = `${LOGIN_PREFIX}${randomBytes(6).toString('hex')}`;
      const password = randomBytes(24).toString('base64url');
      const until = new Date(Date.now() + config.dbCredentialTtlSeconds * 1000).toISOString();
      // CREATE ROLE takes no parameters: the literals are escaped (the password never reaches a log).
      await admin.query(
        `CREATE ROLE ${pg.escapeIdentifier(user)} LOGIN PASSWORD ${pg.escapeLiteral(password)} ` +
          `VALID UNTIL ${pg.escapeLiteral(until)} IN ROLE ${pg.escapeIdentifier(config.DATABASE_OWNER_ROLE!)}`,
      );
      return { user, password, leaseId: user, ttlSeconds: config.dbCredentialTtlSeconds, renewable: false };
    },
    async renew(leaseId) {
      const { rows } = await admin.query<{ left: number }>(
        'SELECT greatest(0, extract(epoch FROM rolvaliduntil - now()))::float8 AS left FROM pg_roles WHERE rolname = $1',
        [leaseId],
      );
      return { ttlSeconds: Math.floor(rows[0]?.left ?? 0) };
    },
    revoke: drop,
    close: () => admin.end(),
  };
}
