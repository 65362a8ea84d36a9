import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { DatabaseCredentialsEngine } from '../../src/modules/secrets/backend.ts';
import { createVaultBackend } from '../../src/modules/secrets/vault/vaultBackend.ts';
import { startFakeVault } from '../fakes/vault/server.ts';
import { eventually } from '../stream/eventually.ts';
import { services } from '../support/services.ts';
import { createOwnerRole } from './ownerRole.ts';
import { realVault, vaultCall } from './realVault.ts';

/**
 * What the Vault client does beyond KV, transit and TOTP (backends.test.ts), set up the way an operator sets
 * up Vault — through its HTTP API, on mounts named for the run, removed afterwards: AppRole on a mount of its
 * own (login, and a new login once its token is revoked), a token renewed before it expires, dynamic
 * database credentials from the PostgreSQL plugin on the test's PostgreSQL (a login that is a member of the
 * owner role, renewed, revoked and then gone), and sys/health. The same body runs against the fake Vault on
 * every run, and against a real Vault (or OpenBao) when VAULT_TEST_ADDR and VAULT_TEST_TOKEN are set; the
 * real Vault must reach the test's PostgreSQL at the address TEST_DATABASE_URL names.
 */
const silent = pino({ level: 'silent' });

interface Bed {
  addr: string;
  token: string;
  close(): Promise<void>;
}

const beds: Array<[string, () => Promise<Bed>]> = [
  [
    'the fake Vault',
    async () => {
      const vault = await startFakeVault();
      return { addr: vault.url, token: vault.rootToken, close: () => vault.close() };
    },
  ],
];
const real = realVault('vault operations (AppRole, renewal, database credentials, sys/health)');
if (real) beds.push([`the real Vault at ${real.addr}`, async () => ({ ...real, close: async () => {} })]);

describe.each(beds)('Vault operations against %s', (_name, open) => {
  const run = `alphanest-test-${randomBytes(4).toString('hex')}`;
  const mounts = { kv: `${run}-kv`, approle: `${run}-approle`, database: `${run}-db` };
  const policy = run;
  let bed: Bed;
  const sys = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: object) =>
    vaultCall(bed.addr, bed.token, method, path, body);
  const backendWith = (env: Record<string, string>) =>
    createVaultBackend(loadConfig({ VAULT_ADDR: bed.addr, VAULT_KV_MOUNT: mounts.kv, ...env }), systemClock, silent);

  beforeAll(async () => {
    bed = await open();
    await sys('POST', `sys/mounts/${mounts.kv}`, { type: 'kv', options: { version: '2' } });
    await sys('POST', `sys/policies/acl/${policy}`, {
      policy: `path "${mounts.kv}/*" { capabilities = ["create", "read", "update"] }`,
    });
  });
  afterAll(async () => {
    // Each step on its own, so one that fails leaves the others done.
    await sys('DELETE', `sys/auth/${mounts.approle}`).catch(() => {});
    await sys('DELETE', `sys/mounts/${mounts.database}`).catch(() => {});
    await sys('DELETE', `sys/mounts/${mounts.kv}`).catch(() => {});
    await sys('DELETE', `sys/policies/acl/${policy}`).catch(() => {});
    await bed?.close();
  });

  it('logs in with AppRole on its own mount, and logs in again once Vault has revoked its token', async () => {
    await sys('POST', `sys/auth/${mounts.approle}`, { type: 'approle' });
    const role = `auth/${mounts.approle}/role/alphanest`;
    await sys('POST', role, { token_policies: [policy], token_ttl: '5m', token_max_ttl: '10m' });
    const roleId = (await sys('GET', `${role}/role-id`))!.data.role_id as string;
    const secretId = (await sys('POST', `${role}/secret-id`))!.data.secret_id as string;
    const backend = backendWith({
      VAULT_ROLE_ID: roleId,
      VAULT_SECRET_ID: secretId,
      VAULT_APPROLE_MOUNT: mounts.approle,
    });
    expect(await backend.kv.put('approle-check', { value: 'one' })).toEqual({ version: 1 });

    // A login of our own shows the revocation below really ends the mount's tokens, the client's among them.
    const login = await vaultCall(bed.addr, undefined, 'POST', `auth/${mounts.approle}/login`, {
      role_id: roleId,
      secret_id: secretId,
    });
    const ours = login!.auth.client_token as string;
    await sys('POST', `sys/leases/revoke-prefix/auth/${mounts.approle}/login`);
    await expect(vaultCall(bed.addr, ours, 'GET', 'auth/token/lookup-self')).rejects.toThrow(/: 403 /);

    expect(await backend.kv.get('approle-check')).toMatchObject({ data: { value: 'one' }, version: 1 });
    expect(await backend.kv.put('approle-check', { value: 'two' })).toEqual({ version: 2 });
  });

  it('renews its token once two thirds of its TTL have passed', async () => {
    const created = await sys('POST', 'auth/token/create', {
      policies: [policy],
      ttl: '6s',
      explicit_max_ttl: '2m',
      renewable: true,
    });
    const token = created!.auth.client_token as string;
    const backend = backendWith({ VAULT_TOKEN: token });
    expect(await backend.kv.get('renewal-check')).toBeNull(); // learns the 6 s TTL (lookup-self)
    await sleep(4_300); // past 4 s: the next call renews first
    expect(await backend.kv.put('renewal-check', { value: 'kept' })).toEqual({ version: 1 });
    const ttl = (await sys('POST', 'auth/token/lookup', { token }))!.data.ttl as number;
    // Unrenewed it would have under 2 s left.
    expect(ttl).toBeGreaterThanOrEqual(4);
    await sleep(2_500); // past the 6 s it was created with
    expect(await backend.kv.get('renewal-check')).toMatchObject({ data: { value: 'kept' } });
  });

  describe('dynamic database credentials (postgresql-database-plugin on the test PostgreSQL)', () => {
    let owner: string;
    let admin: pg.Client;
    let dropOwner: () => Promise<void>;
    let database: DatabaseCredentialsEngine;

    beforeAll(async () => {
      ({ owner, admin, drop: dropOwner } = await createOwnerRole());
      const connection = new URL(services.postgresUrl);
      if (!connection.searchParams.has('sslmode')) connection.searchParams.set('sslmode', 'disable');
      await sys('POST', `sys/mounts/${mounts.database}`, { type: 'database' });
      await sys('POST', `${mounts.database}/config/alphanest`, {
        plugin_name: 'postgresql-database-plugin',
        connection_url: connection.href,
        allowed_roles: ['alphanest'],
      });
      await sys('POST', `${mounts.database}/roles/alphanest`, {
        db_name: 'alphanest',
        creation_statements: [
          `CREATE ROLE "{{name}}" LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE ${owner};`,
        ],
        revocation_statements: [
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{{name}}'; DROP ROLE IF EXISTS "{{name}}";`,
        ],
        default_ttl: '20s',
        max_ttl: '1m',
      });
      database = backendWith({ VAULT_TOKEN: bed.token, VAULT_DB_MOUNT: mounts.database, VAULT_DB_ROLE: 'alphanest' })
        .database!;
    });
    afterAll(async () => {
      // Disabling the mount (the outer afterAll) revokes what is left; the owner role goes once its members do.
      await sys('DELETE', `sys/mounts/${mounts.database}`).catch(() => {});
      await dropOwner?.();
    });

    const roleExists = async (user: string) =>
      (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user])).rowCount === 1;

    it('issues a login that connects as a member of the owner role, renews its lease, and drops it when revoked', async () => {
      const login = await database.issue();
      expect(login).toMatchObject({ renewable: true, ttlSeconds: 20 });
      expect(await roleExists(login.user)).toBe(true);

      const url = new URL(services.postgresUrl);
      url.username = encodeURIComponent(login.user);
      url.password = encodeURIComponent(login.password);
      const session = new pg.Client({ connectionString: url.href });
      session.on('error', () => {});
      await session.connect();
      const { rows } = await session.query(
        `SELECT current_user AS "user", pg_has_role(current_user, $1, 'MEMBER') AS member`,
        [owner],
      );
      expect(rows[0]).toEqual({ user: login.user, member: true });
      await session.end();

      const renewed = await database.renew(login.leaseId, 40);
      expect(renewed.ttlSeconds).toBeGreaterThan(20);
      expect(renewed.ttlSeconds).toBeLessThanOrEqual(60);

      await database.revoke(login.leaseId);
      await eventually(async () => expect(await roleExists(login.user)).toBe(false), 10_000);
      await expect(database.renew(login.leaseId, 10)).rejects.toThrow(/Vault answered 400/);
    });
  });

  it('reads sys/health: active and unsealed is ok; an address nothing answers is unreachable', async () => {
    const res = await fetch(`${bed.addr}/v1/sys/health`, { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ initialized: true, sealed: false, standby: false });
    expect(await backendWith({ VAULT_TOKEN: bed.token }).health()).toBe('ok');
    const nowhere = createVaultBackend(
      loadConfig({ VAULT_ADDR: 'http://127.0.0.1:9', VAULT_TOKEN: 'none', VAULT_TIMEOUT_MS: '1000' }),
      systemClock,
      silent,
    );
    expect(await nowhere.health()).toBe('unreachable');
  });
});
