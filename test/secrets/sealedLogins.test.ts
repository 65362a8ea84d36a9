import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import type { FakeVault } from '../fakes/vault/server.ts';
import { eventually } from '../stream/eventually.ts';
import type { RunningGateway } from '../support/gateway.ts';
import { uncachedFeedTraffic } from '../support/uncachedFeedTraffic.ts';
import { startGatewayOnVaultLogins } from './ownerRole.ts';

/** The pool's lease: renewed at half, so a renewal meeting a sealed Vault has the other half to be retried. */
const LEASE_SECONDS = 8;

/**
 * "Sealed or unreachable → /health says degraded, and what the node already holds keeps working until it
 * expires", for the database login the pool holds (an 8 s lease from the fake Vault's database engine):
 * Vault seals as the login comes up for renewal. The renewal fails and is tried again, the pool keeps serving
 * uncached feed traffic on the login it holds, /health says `secrets: degraded`; once Vault is unsealed the
 * same login is renewed before its lease would have ended — never replaced — and no request fails. And when
 * Vault stays sealed past the lease's end, the login is gone; once Vault answers the node takes a new one.
 */
describe('a sealed Vault while the pool holds a dynamic database login (fake Vault, PostgreSQL)', () => {
  const vaultRole = `sl${randomBytes(3).toString('hex')}`;
  let admin: pg.Client;
  let vault: FakeVault;
  let ctx: AppContext;
  let gateway: RunningGateway;
  let logs: string[];
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ admin, vault, ctx, gateway, logs, close } = await startGatewayOnVaultLogins(
      vaultRole,
      { defaultTtlSeconds: LEASE_SECONDS, maxTtlSeconds: 300 },
      'info',
    ));
  });

  afterAll(async () => {
    vault?.setState('active');
    await close?.();
  });

  it('keeps serving on the login it holds, says degraded, and renews that same login once Vault is unsealed', async () => {
    const logins = gateway.platform.secrets.databaseLogins!;
    const held = logins.status()!;
    const issuedLogs = () => logs.filter((line) => line.includes('database login issued')).length;
    const issuedBefore = issuedLogs();

    const traffic = uncachedFeedTraffic(gateway.url);

    try {
      vault.setState('sealed');
      const servedBeforeSeal = traffic.served();
      const expiresWhileSealed = Date.parse(logins.status()!.expires_at);
      // The renewal at half the lease meets the sealed Vault, and is tried again.
      await eventually(
        () => expect(logs.some((line) => line.includes('database login renewal failed'))).toBe(true),
        10_000,
      );
      const token = await ctx.auth.sign({ sub: 'ops', role: 'admin' }, '1h');
      const health = await fetch(`${gateway.url}/health`, { headers: { authorization: `Bearer ${token}` } });
      expect(await health.json()).toMatchObject({
        status: 'degraded',
        services: { secrets: { status: 'degraded', error: 'sealed' } },
      });
      vault.setState('active');
      // Served all the while it was sealed, on the login it holds.
      expect(traffic.served()).toBeGreaterThan(servedBeforeSeal);
      // Renewed (its end moves on) before the lease would have ended.
      await eventually(
        () => expect(Date.parse(logins.status()!.expires_at)).toBeGreaterThan(expiresWhileSealed),
        5_000,
      );
      // Past the end it had while sealed: the same login, its role still there, serving.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresWhileSealed - Date.now() + 500)));
    } finally {
      vault.setState('active');
      await traffic.stop();
    }

    expect(logins.status()!.user).toBe(held.user);
    expect(issuedLogs()).toBe(issuedBefore);
    const { rows } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [held.user]);
    expect(rows).toHaveLength(1);
    expect(vault.revokedDatabaseUsers).not.toContain(held.user);
    expect(traffic.failures).toEqual([]);
    expect(traffic.served()).toBeGreaterThan(0);
  });

  it('takes a new login once Vault answers again when it stayed sealed past the lease', async () => {
    const logins = gateway.platform.secrets.databaseLogins!;
    const held = logins.status()!;
    vault.setState('sealed');
    try {
      // Sealed past the lease's end: Vault ends the lease (the role dropped); a renewal cannot bring it back.
      await eventually(() => expect(vault.revokedDatabaseUsers).toContain(held.user), (LEASE_SECONDS + 5) * 1000);
    } finally {
      vault.setState('active');
    }
    await eventually(() => expect(logins.status()!.user).not.toBe(held.user), 35_000);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    // The node serves again once the pool has moved onto it; and the new login is recorded (through the pool).
    await eventually(async () => {
      expect((await fetch(`${gateway.url}/api/v1/intelligence/?size=5&until=${until}`)).status).toBe(200);
    }, 5_000);
    // Recorded once the pool uses it. On a loaded machine the login may already have been replaced again (an 8 s
    // lease whose renewal came late): the one in use is recorded as soon as its take completes.
    await eventually(async () => {
      const recorded = await gateway.platform.secrets.rotations();
      expect(JSON.stringify(recorded)).toContain(logins.status()!.user);
    }, 10_000);
  });
});
