import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { noContent, ok, vaultError, type VaultAnswer, type VaultRequest } from './answers.ts';
import { durationSeconds } from './tokens.ts';

/** A role of the database engine, as `<mount>/roles/<name>` configures it. */
interface FakeDatabaseRole {
  /** SQL run as the connection's admin, with `{{name}}`, `{{password}}` and `{{expiration}}` filled in. */
  creationStatements: string[];
  /** SQL run at revocation with `{{name}}`; none: the role's sessions are terminated and the role dropped. */
  revocationStatements?: string[];
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
  /** The connection (`<mount>/config/<name>`) it runs on; the preset one when absent. */
  dbName?: string;
}

export interface FakeDatabaseOptions {
  /** The connection the preset roles run on: a PostgreSQL login that may create roles. */
  adminUrl: string;
  roles: Record<string, FakeDatabaseRole>;
}

/** What every database engine of one fake Vault hands out and revokes, for tests to check. */
export interface DatabaseRecord {
  /** Every role revoked, in order (tests check that each was dropped). */
  revoked: string[];
  /** Every password handed out (tests search what the platform logged for them). */
  passwords: string[];
}

interface Lease {
  id: string;
  username: string;
  admin: pg.Pool;
  revocationStatements: string[] | undefined;
  issuedAt: number;
  maxEnd: number;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

const PRESET = 'preset';

/** `creation_statements` and `revocation_statements` are a list, or one string (Vault takes both). */
const statements = (value: unknown): string[] | undefined =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : undefined;

/**
 * The database secrets engine (https://developer.hashicorp.com/vault/api-docs/secret/databases) for
 * PostgreSQL at one mount, with leases (https://developer.hashicorp.com/vault/api-docs/system/leases):
 * `config/<name>` (plugin `postgresql-database-plugin`, `connection_url` with `{{username}}` and
 * `{{password}}`, `allowed_roles`; the connection is verified), `roles/<name>` (`db_name`,
 * `creation_statements`, `revocation_statements`, `default_ttl`, `max_ttl`); `creds/<role>` creates a
 * REAL PostgreSQL role through the connection and answers it under a lease `<mount>/creds/<role>/…`;
 * `sys/leases/renew` extends a lease up to the role's max_ttl; a lease that expires or is revoked runs the
 * role's revocation statements, or by default terminates its sessions and drops it. Lease ends run on real
 * timers. `options` presets a connection and roles, as a test that needs no setup through the API wants.
 */
export function createDatabaseEngine(
  now: () => number,
  mount: string,
  record: DatabaseRecord,
  options?: FakeDatabaseOptions,
) {
  const connections = new Map<string, { url: string; allowedRoles: string[] }>();
  const roles = new Map<string, FakeDatabaseRole>(Object.entries(options?.roles ?? {}));
  if (options) connections.set(PRESET, { url: options.adminUrl, allowedRoles: ['*'] });
  const pools = new Map<string, pg.Pool>();
  const leases = new Map<string, Lease>();

  function pool(name: string): pg.Pool {
    let admin = pools.get(name);
    if (!admin) {
      admin = new pg.Pool({ connectionString: connections.get(name)!.url, max: 2 });
      admin.on('error', () => {});
      pools.set(name, admin);
    }
    return admin;
  }

  async function end(lease: Lease) {
    clearTimeout(lease.timer);
    leases.delete(lease.id);
    if (lease.revocationStatements)
      for (const statement of lease.revocationStatements)
        await lease.admin.query(statement.replaceAll('{{name}}', lease.username));
    else {
      await lease.admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [
        lease.username,
      ]);
      await lease.admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(lease.username)}`);
    }
    record.revoked.push(lease.username);
  }

  const expireAt = (lease: Lease) => {
    clearTimeout(lease.timer);
    lease.timer = setTimeout(() => void end(lease).catch(() => {}), Math.max(0, lease.expiresAt - now()));
  };

  async function configure(name: string, body: Record<string, unknown>): Promise<VaultAnswer> {
    if (body.plugin_name !== 'postgresql-database-plugin')
      return vaultError(400, `this fake runs postgresql-database-plugin only, not ${String(body.plugin_name)}`);
    if (typeof body.connection_url !== 'string') return vaultError(400, 'connection_url is required');
    const url = body.connection_url
      .replaceAll('{{username}}', encodeURIComponent(String(body.username ?? '')))
      .replaceAll('{{password}}', encodeURIComponent(String(body.password ?? '')));
    const allowed = body.allowed_roles;
    const allowedRoles = Array.isArray(allowed) ? allowed.map(String) : String(allowed ?? '').split(',');
    await pools.get(name)?.end();
    pools.delete(name);
    connections.set(name, { url, allowedRoles: allowedRoles.filter(Boolean) });
    if (body.verify_connection !== false)
      try {
        await pool(name).query('SELECT 1');
      } catch (err) {
        connections.delete(name);
        return vaultError(400, `error creating database object: ${(err as Error).message}`);
      }
    return noContent;
  }

  function writeRole(name: string, body: Record<string, unknown>): VaultAnswer {
    const dbName = String(body.db_name ?? '');
    const creationStatements = statements(body.creation_statements);
    if (!connections.has(dbName)) return vaultError(400, `no database connection ${dbName}`);
    if (!creationStatements?.length) return vaultError(400, 'creation_statements are required');
    roles.set(name, {
      dbName,
      creationStatements,
      revocationStatements: statements(body.revocation_statements),
      defaultTtlSeconds: durationSeconds(body.default_ttl) ?? 3_600,
      maxTtlSeconds: durationSeconds(body.max_ttl) ?? 86_400,
    });
    return noContent;
  }

  async function issue(roleName: string): Promise<VaultAnswer> {
    const role = roles.get(roleName);
    if (!role) return vaultError(400, `unknown role: ${roleName}`);
    const dbName = role.dbName ?? PRESET;
    const { allowedRoles } = connections.get(dbName)!;
    if (!allowedRoles.includes('*') && !allowedRoles.includes(roleName))
      return vaultError(400, `"${roleName}" is not an allowed role`);
    const admin = pool(dbName);
    const username = `v-token-${roleName}-${randomBytes(5).toString('hex')}`.slice(0, 63);
    const password = randomBytes(15).toString('base64url');
    record.passwords.push(password);
    const issuedAt = now();
    const expiresAt = issuedAt + role.defaultTtlSeconds * 1000;
    const fill = (statement: string) =>
      statement
        .replaceAll('{{name}}', username)
        .replaceAll('{{password}}', password)
        .replaceAll('{{expiration}}', new Date(expiresAt).toISOString());
    for (const statement of role.creationStatements) await admin.query(fill(statement));
    const id = `${mount}/creds/${roleName}/${randomBytes(12).toString('base64url')}`;
    const lease: Lease = {
      id,
      username,
      admin,
      revocationStatements: role.revocationStatements,
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
    /** Whether a lease id is one of this mount's. */
    owns: (leaseId: string) => leaseId.startsWith(`${mount}/`),
    /** `<mount>/...` */
    async handle(request: VaultRequest): Promise<VaultAnswer> {
      const [, kind, name] = /^(creds|config|roles)\/([\w.-]+)$/.exec(request.path) ?? [];
      if (kind === 'creds' && request.method === 'GET') return issue(name!);
      if (kind === 'config' && request.method === 'POST') return configure(name!, request.body);
      if (kind === 'roles' && request.method === 'POST') return writeRole(name!, request.body);
      return vaultError(404, `no handler for route "${mount}/${request.path}". route entry not found.`);
    },
    /** `sys/leases/...` for a lease of this mount. */
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
    /** Revokes every lease (as disabling the mount does) and closes the connections. */
    async close() {
      for (const lease of [...leases.values()]) await end(lease).catch(() => {});
      for (const admin of pools.values()) await admin.end();
      pools.clear();
    },
  };
}
