import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Level, pino } from 'pino';
import type { AppContext } from '../../src/core/context.ts';
import { type FakeVault, startFakeVault } from '../fakes/vault/server.ts';
import { closeInTurn } from '../support/closeInTurn.ts';
import { createTestContext } from '../support/context.ts';
import { type RunningGateway, startGateway } from '../support/gateway.ts';
import { services } from '../support/services.ts';

/**
 * A DATABASE_OWNER_ROLE of the test's own: a group role allowed to create the schema, with an admin connection
 * to inspect roles and sessions; `drop` removes it.
 */
export async function createOwnerRole(): Promise<{ owner: string; admin: pg.Client; drop(): Promise<void> }> {
  const owner = `alphanest_owner_${randomBytes(3).toString('hex')}`;
  const database = new URL(services.postgresUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: services.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE ROLE ${owner} NOLOGIN`);
  await admin.query(`GRANT CREATE ON DATABASE "${database}" TO ${owner}`);
  return {
    owner,
    admin,
    async drop() {
      await admin.query(`REVOKE CREATE ON DATABASE "${database}" FROM ${owner}`).catch(() => {});
      await admin.query(`DROP ROLE IF EXISTS ${owner}`);
      await admin.end();
    },
  };
}

/** The fake Vault with a database role `vaultRole` whose logins are real PostgreSQL roles, members of `owner`. */
export function startVaultIssuingLogins(
  owner: string,
  vaultRole: string,
  ttl: { defaultTtlSeconds: number; maxTtlSeconds: number },
): Promise<FakeVault> {
  return startFakeVault({
    database: {
      adminUrl: services.postgresUrl,
      roles: {
        [vaultRole]: {
          creationStatements: [
            `CREATE ROLE "{{name}}" LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE ${owner}`,
          ],
          ...ttl,
        },
      },
    },
  });
}

export interface GatewayOnVaultLogins {
  owner: string;
  /** An admin connection to inspect roles and sessions. */
  admin: pg.Client;
  vault: FakeVault;
  ctx: AppContext;
  gateway: RunningGateway;
  /** Every line the node logged. */
  logs: string[];
  /** Stops the gateway, its context and Vault, then drops the owner role. */
  close(): Promise<void>;
}

/**
 * A gateway on the real PostgreSQL whose pool logs in with the logins the fake Vault issues for `vaultRole`
 * (members of an owner role of its own), logging at `logLevel`. Whatever was started is stopped again if a later
 * step fails, so a test's afterAll has only `close` to call.
 */
export async function startGatewayOnVaultLogins(
  vaultRole: string,
  ttl: { defaultTtlSeconds: number; maxTtlSeconds: number },
  logLevel: Level,
): Promise<GatewayOnVaultLogins> {
  const { owner, admin, drop } = await createOwnerRole();
  const logs: string[] = [];
  let vault: FakeVault | undefined;
  let ctx: AppContext | undefined;
  let gateway: RunningGateway | undefined;
  const close = () => closeInTurn([() => gateway?.close(), () => ctx?.close(), () => vault?.close(), drop]);
  try {
    vault = await startVaultIssuingLogins(owner, vaultRole, ttl);
    ctx = await createTestContext({
      backend: 'postgres',
      logger: pino({ level: logLevel }, { write: (line: string) => void logs.push(line) }),
      env: {
        VAULT_ADDR: vault.url,
        VAULT_TOKEN: vault.rootToken,
        VAULT_DB_ROLE: vaultRole,
        DATABASE_OWNER_ROLE: owner,
        GLOBAL_LIMIT_TIMES: '1000000',
      },
    });
    gateway = await startGateway(ctx);
  } catch (error) {
    // The setup's failure is the one to see: one in closing what it had started is not thrown in its place.
    await close().catch(() => {});
    throw error;
  }
  return { owner, admin, vault, ctx, gateway, logs, close };
}
