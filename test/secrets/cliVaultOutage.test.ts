import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { dropSchema, runId, services } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

const cli = join(import.meta.dirname, '../../src/cli/main.ts');

/** The CLI in a process of its own, on a Vault nothing listens for, warnings logged. */
async function alphanest(args: string[], vaultAddr: string, more: Record<string, string> = {}) {
  const env = {
    ...more,
    PATH: process.env.PATH,
    LOG_LEVEL: 'warn',
    DATA_DIR: tempDir('cli-vault-outage'),
    VAULT_ADDR: vaultAddr,
    VAULT_TOKEN: 'hvs.any',
    VAULT_TIMEOUT_MS: '1000',
  };
  return promisify(execFile)(process.execPath, [cli, ...args], { env, cwd: tmpdir() }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

/** A Vault outage that stops a command is said once, in the line it ends with, not logged before it as well. */
describe('the CLI when Vault is out of reach', () => {
  it('says so once, reading Vault alone (secrets get) or the database URL from it (token)', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const [get, token] = await Promise.all([
      alphanest(['secrets', 'get', 'jwt'], closed),
      alphanest(['token', '--sub', 'ops'], closed),
    ]);
    expect(get).toMatchObject({ code: 1, stdout: '' });
    expect(get.stderr).toMatch(new RegExp(`^alphanest: Vault at ${closed} is out of reach: [^\\n]*\\n$`));
    expect(token).toMatchObject({ code: 2, stdout: '' });
    expect(token.stderr).toMatch(
      new RegExp(`^alphanest: cannot read the database URL from Vault at ${closed} \\(VAULT_ADDR\\), [^\\n]*\\n$`),
    );
  }, 120_000);

  it('says so once, naming Vault, when the store beside the database cannot reach it (token with DATABASE_URL)', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const schema = runId('cli_vault_outage');
    try {
      const token = await alphanest(['token', '--sub', 'ops'], closed, {
        DATABASE_URL: services.postgresUrl,
        DATABASE_SCHEMA: schema,
      });
      expect(token).toMatchObject({ code: 2, stdout: '' });
      expect(token.stderr).toMatch(new RegExp(`^alphanest: Vault at ${closed} is out of reach: [^\\n]*\\n$`));
    } finally {
      await dropSchema(schema);
    }
  }, 120_000);
});
