import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import type { Database } from '../../src/core/db/database.ts';
import { createSecretsModule, databaseUrlFromVault } from '../../src/modules/secrets/index.ts';
import { rotateJwtKeys } from '../../src/modules/secrets/jwtRotation.ts';
import { createVaultBackend } from '../../src/modules/secrets/vault/vaultBackend.ts';
import { type FakeVault, startFakeVault } from '../fakes/vault/server.ts';
import { eventually } from '../stream/eventually.ts';
import { createTestContext } from '../support/context.ts';
import { services } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';
import { createOwnerRole, startVaultIssuingLogins } from './ownerRole.ts';

/**
 * Moving the pool (a new database URL from Vault, a new dynamic login) never waits for the connections made
 * before to drain: a transaction held open on one of them delays neither the move nor the refresh of the other
 * secrets, the drain goes on by itself and ends what is left at its deadline, and a move made during another's
 * drain is drained on its own. Real PostgreSQL; the fake Vault.
 */

/** A transaction on one of the pool's connections, held open until `release` (the next statement then runs). */
async function holdTransaction(db: Database) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let begun!: () => void;
  const open = new Promise<void>((resolve) => (begun = resolve));
  const done = db.drizzle.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1`);
    begun();
    await released;
    await tx.execute(sql`SELECT 2`);
  });
  done.catch(() => {}); // awaited by the test when it matters
  await open;
  return { release, done };
}

/** Whether a promise has settled, looked at without waiting for it. */
function settledFlag(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

const applicationName = async (db: Database) =>
  (
    (await db.drizzle.execute(sql`SELECT current_setting('application_name') AS name`)) as unknown as {
      rows: Array<{ name: string }>;
    }
  ).rows[0]!.name;

/** The test database's URL naming an application: another URL to move the pool to, on the same server. */
const urlNamed = (name: string) => {
  const url = new URL(services.postgresUrl);
  url.searchParams.set('application_name', name);
  return url.href;
};

describe('Database.useUrl: the drain runs on its own, with a deadline', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
  });
  afterAll(() => ctx?.close());

  it('moves at once under a held transaction; a newer URL mid-drain drains on its own; the deadline ends what is left', async () => {
    const useUrl = ctx.db.useUrl!.bind(ctx.db);
    const first = await holdTransaction(ctx.db);

    const toB = await useUrl(urlNamed('drain-b'), 60_000);
    expect(await applicationName(ctx.db)).toBe('drain-b');
    const bDrained = settledFlag(toB.drained);

    // A connection to B in a transaction too, then C while B's drain still waits for the first one.
    const second = await holdTransaction(ctx.db);
    const toC = await useUrl(urlNamed('drain-c'), 60_000);
    expect(await applicationName(ctx.db)).toBe('drain-c');
    const cDrained = settledFlag(toC.drained);
    second.release();
    await second.done;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // C's drain waits for every connection older than C: the first transaction's is still open.
    expect([bDrained(), cDrained()]).toEqual([false, false]);
    first.release();
    await first.done;
    expect(await toB.drained).toEqual({ ended: 0 });
    expect(await toC.drained).toEqual({ ended: 0 });

    // Past the deadline, a connection still in its transaction is ended: its next statement fails.
    const stuck = await holdTransaction(ctx.db);
    const started = Date.now();
    const toD = await useUrl(urlNamed('drain-d'), 300);
    expect(await toD.drained).toEqual({ ended: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    stuck.release();
    await expect(stuck.done).rejects.toThrow();
    expect(await applicationName(ctx.db)).toBe('drain-d');
  }, 60_000);
});

const collect = (logs: string[]) => pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
const logged = (logs: string[], text: string) => logs.some((line) => line.includes(text));
const jwtVersionInUse = (logs: string[], version: number) =>
  logs.some((line) => line.includes('jwt key pair in use') && line.includes(`"version":${version}`));

/** The fake Vault's KV under a prefix of the test's own, as a node configured with `env` reads it. */
const kvOf = (env: Record<string, string>) =>
  createVaultBackend(
    loadConfig({ ENV: 'testing', DATA_DIR: tempDir('drain-kv'), LOG_LEVEL: 'silent', ...env }),
    systemClock,
    pino({ level: 'silent' }),
  ).kv;

describe('a new database URL from Vault while a transaction holds an old connection', () => {
  let vault: FakeVault;
  beforeAll(async () => {
    vault = await startFakeVault();
  });
  afterAll(() => vault?.close());

  it('takes up a new jwt version within one refresh while the pool drains; the drain ends when the transaction does', async () => {
    const env = {
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: vault.rootToken,
      VAULT_PATH_PREFIX: `drain-${randomBytes(3).toString('hex')}`,
      SECRETS_REFRESH_SECONDS: '1',
    };
    const kv = kvOf(env);
    await kv.put('database', { url: urlNamed('before-move') });
    await rotateJwtKeys(kv);
    const logs: string[] = [];
    const ctx = await createTestContext({
      backend: 'postgres',
      logger: collect(logs),
      databaseUrlFromStore: databaseUrlFromVault,
      env: { ...env, DATABASE_URL: '' },
    });
    try {
      const secrets = createSecretsModule(ctx);
      await secrets.prepare();
      expect(jwtVersionInUse(logs, 1)).toBe(true);
      const held = await holdTransaction(ctx.db);
      const heldOn = settledFlag(held.done);

      await kv.put('database', { url: urlNamed('after-move') });
      await eventually(
        () => expect(logged(logs, 'a new database URL in Vault; the pool moves onto it')).toBe(true),
        10_000,
      );
      const rotated = Date.now();
      await rotateJwtKeys(kv);
      // Taken up by the next refresh (every second), while the connection made before is still in its transaction.
      await eventually(() => expect(jwtVersionInUse(logs, 2)).toBe(true), 10_000);
      expect(Date.now() - rotated).toBeLessThan(5_000); // a refresh a second, on a busy machine
      expect(heldOn()).toBe(false);
      expect(logged(logs, 'the pool moved onto the new database URL')).toBe(false);
      expect(await applicationName(ctx.db)).toBe('after-move');

      held.release();
      await held.done;
      await eventually(() => expect(logged(logs, 'connections to the one before are closed')).toBe(true), 10_000);
    } finally {
      await ctx.close();
    }
  }, 60_000);
});

describe('a database login rotation asked for while a transaction holds the old login', () => {
  const tag = randomBytes(3).toString('hex');
  const vaultRole = `dr${tag}`;
  let owner: string;
  let admin: pg.Client;
  let dropOwner: () => Promise<void>;
  let vault: FakeVault;

  beforeAll(async () => {
    ({ owner, admin, drop: dropOwner } = await createOwnerRole());
    // Leases long enough that only the rotation asked for replaces the login.
    vault = await startVaultIssuingLogins(owner, vaultRole, { defaultTtlSeconds: 3_600, maxTtlSeconds: 7_200 });
  });

  afterAll(async () => {
    await vault?.close();
    await dropOwner?.();
  });

  const roleExists = async (name: string) =>
    (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;

  it('moves the pool and takes up a new jwt version within one refresh; the old login is revoked once its transaction ends', async () => {
    const env = {
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: vault.rootToken,
      VAULT_PATH_PREFIX: `login-${tag}`,
      VAULT_DB_ROLE: vaultRole,
      DATABASE_OWNER_ROLE: owner,
      SECRETS_REFRESH_SECONDS: '1',
    };
    const kv = kvOf(env);
    await rotateJwtKeys(kv);
    const logs: string[] = [];
    const ctx = await createTestContext({ backend: 'postgres', logger: collect(logs), env });
    try {
      const secrets = createSecretsModule(ctx);
      await secrets.prepare();
      const first = secrets.databaseLogins!.status()!.user;
      // The first login's own drain (of the URL's connections) is done before the transaction starts.
      await eventually(async () => expect(await sessionUser(ctx.db)).toBe(first), 10_000);
      const held = await holdTransaction(ctx.db);
      const heldOn = settledFlag(held.done);

      await secrets.requestLoginRotation();
      await eventually(() => expect(secrets.databaseLogins!.status()!.user).not.toBe(first), 10_000);
      // The jwt version comes after the move: a refresh still waiting for the drain would never read it.
      const rotated = Date.now();
      await rotateJwtKeys(kv);
      await eventually(() => expect(jwtVersionInUse(logs, 2)).toBe(true), 10_000);
      expect(Date.now() - rotated).toBeLessThan(5_000); // a refresh a second, on a busy machine
      expect(heldOn()).toBe(false);
      const second = secrets.databaseLogins!.status()!.user;
      expect(await sessionUser(ctx.db)).toBe(second);
      expect(await roleExists(first)).toBe(true);

      held.release();
      await held.done;
      await eventually(async () => expect(await roleExists(first)).toBe(false), 10_000);
      // The role goes before the line saying so is written: wait for the line too.
      await eventually(() => expect(logged(logs, 'previous database login revoked')).toBe(true), 10_000);
    } finally {
      await ctx.close();
    }
  }, 60_000);
});

const sessionUser = async (db: Database) =>
  (
    (await db.drizzle.execute(sql`SELECT session_user AS login`)) as unknown as {
      rows: Array<{ login: string }>;
    }
  ).rows[0]!.login;
