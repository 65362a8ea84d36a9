import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureText } from '../../src/cli/command.ts';
import { commands } from '../../src/cli/commands.ts';
import { loadConfig, type Config } from '../../src/core/config.ts';
import { startFakeVault, type FakeVault } from '../fakes/vault/server.ts';
import { runCommand } from '../support/runCommand.ts';
import { dropSchema, runId, services } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

/**
 * The `secrets` commands on the Vault backend with no DATABASE_URL: what talks to Vault alone (get, put, status
 * without the database's parts, rotate jwt and transit) needs no database, so an operator bootstraps the
 * `database` secret with the CLI; once it is there, status reads the database too.
 */
let vault: FakeVault;
let config: Config;
const schema = runId('secrets_vault_cli');

beforeAll(async () => {
  vault = await startFakeVault();
  config = loadConfig({
    ENV: 'testing',
    DATA_DIR: tempDir('secrets-vault-cli'),
    VAULT_ADDR: vault.url,
    VAULT_TOKEN: vault.rootToken,
    DATABASE_SCHEMA: schema,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
  });
});
afterAll(async () => {
  await vault?.close();
  await dropSchema(schema);
});

const secrets = (positionals: string[]) => runCommand(commands.secrets!, () => config, positionals);

describe('alphanest secrets on Vault without DATABASE_URL', () => {
  it('gets, rotates (making a missing transit key) and reports status before the database secret exists', async () => {
    expect(await secrets(['get', 'database'])).toMatchObject({ code: 1, stdout: '' });
    expect((await secrets(['rotate', 'jwt'])).stdout).toBe(
      'jwt: version 1 written; every node signs with it from its next refresh ' +
        '(not in the rotation log: DATABASE_URL is unset and Vault holds no database secret)\n',
    );
    // A fresh Vault has no transit key yet: rotating makes it, as a node's first encryption would.
    expect((await secrets(['rotate', 'transit'])).stdout).toBe(
      'transit key alphanest: version 1 now encrypts ' +
        '(not in the rotation log: DATABASE_URL is unset and Vault holds no database secret)\n',
    );
    expect((await secrets(['rotate', 'transit'])).stdout).toMatch(/^transit key alphanest: version 2 now encrypts/);
    expect(JSON.parse((await secrets(['status'])).stdout)).toEqual({
      backend: 'vault',
      address: vault.url,
      health: 'ok',
      transit_key: 'alphanest',
      transit_key_version: 2,
      database: 'not read: DATABASE_URL is unset and Vault holds no database secret',
    });
  });

  it('puts the database secret, after which status reads the database too', async () => {
    expect((await secrets(['put', 'database', `url=${services.postgresUrl}`])).stdout).toBe(
      'database: version 1 written (url)\n',
    );
    expect(JSON.parse((await secrets(['get', 'database'])).stdout).data).toEqual({ url: services.postgresUrl });
    expect(JSON.parse((await secrets(['status'])).stdout)).toMatchObject({
      backend: 'vault',
      health: 'ok',
      service_accounts: 0,
      rotations: [],
    });
  });

  it('reports a sealed Vault in status, the database unread, while rotate stops on it', async () => {
    // Vault holds the database secret by now: sealed, its URL cannot be read, and status says so rather than failing.
    vault.setState('sealed');
    try {
      const sealed = await secrets(['status']);
      expect(sealed.code).toBe(0);
      expect(JSON.parse(sealed.stdout)).toMatchObject({
        backend: 'vault',
        health: 'sealed',
        database: `not read: DATABASE_URL is unset and the database secret cannot be read: Vault at ${vault.url} is unavailable: it answered 503: Vault is sealed`,
      });
      await expect(secrets(['rotate', 'transit'])).rejects.toThrow(/secrets store is unavailable/);
    } finally {
      vault.setState('active');
    }
  });

  it('names the call and VAULT_TOKEN when Vault refuses the token, in the line the command ends with', async () => {
    const wrongToken = { ...config, VAULT_TOKEN: 'hvs.not-a-token' };
    const refused = await runCommand(commands.secrets!, () => wrongToken, ['get', 'jwt']).catch((err: Error) => err);
    expect(failureText(refused as Error)).toBe(
      'Vault answered GET auth/token/lookup-self with 403: permission denied (the token, VAULT_TOKEN or the AppRole ' +
        'login of VAULT_ROLE_ID, is wrong, revoked or expired, or its policy does not allow this path)',
    );
    // What a client would be answered names neither the call nor the variables.
    expect((refused as Error).message).toBe('Vault answered 403: permission denied');
  });
});
