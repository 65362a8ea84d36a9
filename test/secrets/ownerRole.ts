import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type FakeVault, startFakeVault } from '../fakes/vault/server.ts';
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
