import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { noContent, ok, vaultError, type VaultAnswer, type VaultRequest } from './answers.ts';

/** A role of the database engine, as `database/roles/<name>` configures it. */
interface FakeDatabaseRole {
  /** SQL run as the connection's admin, with `{{name}}`, `{{password}}` and `{{expiration}}` filled in. */
  creationStatements: string[];
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
}

export interface FakeDatabaseOptions {
  /** The `database/config` connection: a PostgreSQL login that may create roles. */
  adminUrl: string;
  roles: Record<string, FakeDatabaseRole>;
}

interface Lease {
  id: string;
  username: string;
  issuedAt: number;
  maxEnd: number;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

/**
 * The database secrets engine (https://developer.hashicorp.com/vault/api-docs/secret/databases) for
 * PostgreSQL, with leases (https://developer.hashicorp.com/vault/api-docs/system/leases): `creds/<role>`
 * creates a REAL PostgreSQL role through the admin connection with the role's creation statements and
 * answers it under a lease; `sys/leases/renew` extends a lease up to the role's max_ttl; a lease that
 * expires or is revoked (`sys/leases/revoke`) has its sessions terminated and its role dropped, as
 * Vault's default revocation does after the connections are closed. Lease ends run on real timers.
 */
export function createDatabaseEngine(now: () => number, options: FakeDatabaseOptions) {
  const admin = new pg.Pool({ connectionString: options.adminUrl, max: 2 });
  admin.on('error', () => {});
  const leases = new Map<string, Lease>();
  /** Every role revoked, in order (tests check that each was dropped). */
  const revoked: string[] = [];
  /** Every password handed out (tests search what the platform logged for them). */
  const passwords: string[] = [];

  async function end(lease: Lease) {
    clearTimeout(lease.timer);
    leases.delete(lease.id);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [lease.username]);
    await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(lease.username)}`);
    revoked.push(lease.username);
  }

  const expireAt = (lease: Lease) => {
    clearTimeout(lease.timer);
    lease.timer = setTimeout(() => void end(lease).catch(() => {}), Math.max(0, lease.expiresAt - now()));
  };

  async function issue(roleName: string): Promise<VaultAnswer> {
    const role = options.roles[roleName];
    if (!role) return vaultError(400, `unknown role: ${roleName}`);
    const username = `v-token-${roleName}-${randomBytes(5).toString('hex')}`.slice(0, 63);
    const password = randomBytes(15).toString('base64url');
    passwords.push(password);
    const issuedAt = now();
    const expiresAt = issuedAt + role.defaultTtlSeconds * 1000;
    const fill = (statement: string) =>
      statement
        .replaceAll('{{name}}', username)
        .replaceAll('{{password}}', password)
        .replaceAll('{{expiration}}', new Date(expiresAt).toISOString());
    for (const statement of role.creationStatements) await admin.query(fill(statement));
    const id = `database/creds/${roleName}/${randomBytes(12).toString('base64url')}`;
    const lease: Lease = {
      id,
      username,
      issuedAt,
      maxEnd: issuedAt + role.maxTtlSeconds * 1000,
      expiresAt,
      timer: setTimeout(() => {}, 0),
    };
    leases.set(id, lease);
    expireAt(lease);
    return ok({
      request_id: randomBytes(8).toString('hex'),
      lease_id: id,
      renewable: true,
      lease_duration: role.defaultTtlSeconds,
      data: { username, password },
      wrap_info: null,
      warnings: null,
      auth: null,
    });
  }

  return {
    revoked,
    passwords,
    /** `database/...` */
    async handle(request: VaultRequest): Promise<VaultAnswer> {
      const creds = /^creds\/([\w.-]+)$/.exec(request.path);
      if (creds && request.method === 'GET') return issue(creds[1]!);
      return vaultError(404, `no handler for route "database/${request.path}". route entry not found.`);
    },
    /** `sys/leases/...` */
    async handleLeases(request: VaultRequest): Promise<VaultAnswer> {
      const lease = leases.get(String(request.body.lease_id ?? ''));
      if (request.path === 'renew' && request.method === 'POST') {
        if (!lease) return vaultError(400, 'lease not found or lease is not renewable');
        const increment = Number(request.body.increment ?? 0) || (lease.expiresAt - lease.issuedAt) / 1000;
        const at = now();
        lease.expiresAt = Math.min(at + increment * 1000, lease.maxEnd);
        expireAt(lease);
        const leaseDuration = Math.max(0, Math.floor((lease.expiresAt - at) / 1000));
        return ok({ lease_id: lease.id, renewable: true, lease_duration: leaseDuration });
      }
      if (request.path === 'revoke' && request.method === 'POST') {
        if (lease) await end(lease);
        return noContent;
      }
      return vaultError(404, `no handler for route "sys/leases/${request.path}". route entry not found.`);
    },
    async close() {
      for (const lease of [...leases.values()]) await end(lease).catch(() => {});
      await admin.end();
    },
  };
}
