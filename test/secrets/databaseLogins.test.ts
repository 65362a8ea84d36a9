import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import type { AppContext } from '../../src/core/context.ts';
import { databaseUrlFromVault } from '../../src/modules/secrets/index.ts';
import { createVaultBackend } from '../../src/modules/secrets/vault/vaultBackend.ts';
import type { FakeVault } from '../fakes/vault/server.ts';
import { eventually } from '../stream/eventually.ts';
import { createTestContext } from '../support/context.ts';
import { type RunningGateway, startGateway } from '../support/gateway.ts';
import { uncachedFeedTraffic } from '../support/uncachedFeedTraffic.ts';
import { services } from '../support/services.ts';
import { createOwnerRole, startGatewayOnVaultLogins } from './ownerRole.ts';

/** How long the feed is read while the logins rotate (the 20 s), and by how many clients at once. */
const TRAFFIC_MS = 20_000;
const CLIENTS = 4;

/**
 * Dynamic database credentials through the fake Vault's database engine, which creates and drops REAL
 * PostgreSQL roles: leases of 6 s (8 s at most: the renewal at 3 s is cut short, so a new login comes
 * every 3 s, the old one with 5 s left to drain) under continuous uncached feed traffic. No request may
 * fail, the sessions PostgreSQL shows move to each new login, every login replaced is revoked (its role
 * dropped), and no password reaches the log.
 */
describe('dynamic database credentials under load (fake Vault database engine, PostgreSQL)', () => {
  const tag = randomBytes(3).toString('hex');
  const vaultRole = `an${tag}`;
  let owner: string;
  let admin: pg.Client;
  let vault: FakeVault;
  let ctx: AppContext;
  let gateway: RunningGateway;
  let logs: string[];
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ owner, admin, vault, ctx, gateway, logs, close } = await startGatewayOnVaultLogins(
      vaultRole,
      { defaultTtlSeconds: 6, maxTtlSeconds: 8 },
      'trace',
    ));
  });

  afterAll(() => close?.());

  /** The logins of this test's Vault role that have sessions now. */
  async function sessionUsers(): Promise<string[]> {
    const { rows } = await admin.query<{ usename: string }>(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE starts_with(usename, $1)`,
      [`v-token-${vaultRole}-`],
    );
    return rows.map((row) => row.usename);
  }

  it('rotates at least three times during 20 s of uncached feed traffic: no failed request, sessions follow each login', async () => {
    const logins = gateway.platform.secrets.databaseLogins;
    expect(logins?.status()?.user).toMatch(/^v-token-/);
    const first = logins!.status()!.user;

    const traffic = uncachedFeedTraffic(gateway.url, { clients: CLIENTS, size: 20 });
    // Who PostgreSQL shows connected, sampled while the traffic runs; and who the pool was given.
    const seen = new Set<string>();
    const issued = new Set<string>([first]);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const user of await sessionUsers()) seen.add(user);
        issued.add(logins!.status()!.user);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, TRAFFIC_MS));
    await traffic.stop();
    sampling = false;
    await sampler;

    expect(traffic.failures).toEqual([]);
    expect(traffic.served()).toBeGreaterThan(0);
    expect(issued.size).toBeGreaterThanOrEqual(4);
    // Every login the pool was given served sessions.
    for (const user of issued) expect(seen).toContain(user);
    expect(logins!.status()!.last_rotation).not.toBeNull();

    // One more rotation: once the logins before it have drained (in the background, after rotate() answers),
    // every one of them is revoked, its role dropped, and only the new one has sessions.
    await logins!.rotate();
    const current = logins!.status()!.user;
    expect(issued).not.toContain(current);
    await eventually(async () => {
      expect(vault.revokedDatabaseUsers).toEqual(expect.arrayContaining([...issued]));
      const { rows } = await admin.query('SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])', [[...issued]]);
      expect(rows).toEqual([]);
      for (const user of await sessionUsers()) expect(user).toBe(current);
    }, 10_000);

    // Logins are logged by name; their passwords never.
    expect(logs.some((line) => line.includes(current))).toBe(true);
    const leaked = vault.databasePasswords.filter((password) => logs.some((line) => line.includes(password)));
    expect(leaked).toEqual([]);
  });

  it("replaces the user and password of the URL read from Vault's `database` when DATABASE_URL is not set", async () => {
    // The test database trusts every login: this password is there to be looked for where it must not be.
    const bootstrap = new URL(services.postgresUrl);
    bootstrap.password = 'bootstrap-pw-never-used-3c9e';
    const env = { VAULT_ADDR: vault.url, VAULT_TOKEN: vault.rootToken, VAULT_PATH_PREFIX: `dburl-${tag}` };
    const { kv } = createVaultBackend({ ...ctx.config, ...env }, systemClock, pino({ level: 'silent' }));
    await kv.put('database', { url: bootstrap.href });
    const ownLogs: string[] = [];
    const node = await createTestContext({
      backend: 'postgres',
      logger: pino({ level: 'trace' }, { write: (line: string) => void ownLogs.push(line) }),
      databaseUrlFromStore: databaseUrlFromVault,
      env: { ...env, DATABASE_URL: '', VAULT_DB_ROLE: vaultRole, DATABASE_OWNER_ROLE: owner },
    });
    try {
      const nodeGateway = await startGateway(node);
      try {
        const login = nodeGateway.platform.secrets.databaseLogins!.status()!.user;
        expect(login).toMatch(/^v-token-/);
        // The pool's sessions log in as Vault's login (acting as the owner role), not as the URL's user.
        const { rows } = (await node.db.drizzle.execute(
          sql`SELECT session_user AS login, current_user AS acting`,
        )) as unknown as { rows: unknown[] };
        expect(rows[0]).toEqual({ login, acting: owner });
        expect((await fetch(`${nodeGateway.url}/api/v1/intelligence/?size=5`)).status).toBe(200);
        expect(ownLogs.join('\n')).not.toContain(bootstrap.password);
        const leaked = vault.databasePasswords.filter((password) => ownLogs.some((line) => line.includes(password)));
        expect(leaked).toEqual([]);
      } finally {
        await nodeGateway.close();
      }
    } finally {
      await node.close();
    }
  });
});

/**
 * The embedded backend's own logins with DATABASE_ADMIN_URL: roles it creates with VALID UNTIL, the pool
 * moving onto each, and the one before dropped once its connections are gone.
 */
describe('embedded dynamic database logins (DATABASE_ADMIN_URL, PostgreSQL)', () => {
  let owner: string;
  let admin: pg.Client;
  let dropOwner: () => Promise<void>;
  let ctx: AppContext;
  let gateway: RunningGateway;

  beforeAll(async () => {
    ({ owner, admin, drop: dropOwner } = await createOwnerRole());
    ctx = await createTestContext({
      backend: 'postgres',
      env: { DATABASE_ADMIN_URL: services.postgresUrl, DATABASE_OWNER_ROLE: owner, DB_CREDENTIAL_TTL: '1h' },
    });
    gateway = await startGateway(ctx);
  });

  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
    await dropOwner?.();
  });

  const role = async (name: string) =>
    (
      await admin.query<{ valid_until: Date; member: boolean }>(
        `SELECT rolvaliduntil AS valid_until, pg_has_role(rolname, $2, 'MEMBER') AS member FROM pg_roles WHERE rolname = $1`,
        [name, owner],
      )
    ).rows[0];

  it('logs the pool in as a role of its own, member of the owner role, valid for DB_CREDENTIAL_TTL; a rotation drops it', async () => {
    const logins = gateway.platform.secrets.databaseLogins!;
    const first = logins.status()!;
    expect(first.user).toMatch(/^alphanest_login_[0-9a-f]{12}$/);
    expect(first.renewable).toBe(false);
    const made = await role(first.user);
    expect(made?.member).toBe(true);
    expect(Math.abs(made!.valid_until.getTime() - Date.parse(first.expires_at))).toBeLessThan(60_000);

    const page = () => fetch(`${gateway.url}/api/v1/intelligence/?size=5`).then((r) => r.status);
    expect(await page()).toBe(200);
    const { rows } = await admin.query(`SELECT usename FROM pg_stat_activity WHERE usename = $1`, [first.user]);
    expect(rows.length).toBeGreaterThan(0);

    // It resolves once the pool uses the new login; the old one is dropped once its connections have drained.
    await logins.rotate();
    const second = logins.status()!.user;
    expect(second).not.toBe(first.user);
    await eventually(async () => expect(await role(first.user)).toBeUndefined(), 10_000);
    expect(await page()).toBe(200);
    const after = await admin.query(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE starts_with(usename, 'alphanest_login_')`,
    );
    expect(after.rows.map((r) => r.usename)).not.toContain(first.user);
  });
});
