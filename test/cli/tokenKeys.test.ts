import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importSPKI } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAuth } from '../../src/core/auth/auth.ts';
import { loadSigningKeys } from '../../src/core/auth/keys.ts';
import { lockDataDir } from '../../src/core/db/dataDirLock.ts';
import { pgliteDir } from '../../src/core/db/pgliteDir.ts';
import { tempDir } from '../support/tempDir.ts';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../../src/cli/main.ts');

/** Runs the CLI in a fresh process on the quick start's store: PGlite under `dataDir`, no DATABASE_URL. */
async function alphanest(args: string[], dataDir: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', DATA_DIR: dataDir },
      cwd: tmpdir(),
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const verifier = async (publicKeyPem: string) =>
  createAuth({ publicKey: await importSPKI(publicKeyPem, 'RS256'), source: 'secrets' }, { jwtMaxAgeSeconds: 86_400 });

/** `alphanest token` on PGlite signs with the key the nodes use: the store's `jwt` once `secrets rotate jwt` wrote one. */
describe('alphanest token on the embedded store (PGlite)', () => {
  it("signs with the store's jwt after `secrets rotate jwt`, not with the dev key", async () => {
    const dataDir = tempDir('token-store');
    expect((await alphanest(['secrets', 'rotate', 'jwt'], dataDir)).stdout).toMatch(/^jwt: version 1 written/);
    const stored = JSON.parse((await alphanest(['secrets', 'get', 'jwt'], dataDir)).stdout);
    const result = await alphanest(['token', '--sub', 'alice'], dataDir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const token = result.stdout.trim();
    expect(await (await verifier(stored.data.public_key)).verify(token)).toEqual({ sub: 'alice', role: 'user' });
    const dev = createAuth(await loadSigningKeys({ DATA_DIR: dataDir }), { jwtMaxAgeSeconds: 86_400 });
    await expect(dev.verify(token)).rejects.toThrow('token signature invalid');
  }, 180_000); // three runs that each open PGlite

  it('signs with the dev key in a DATA_DIR no node has used, without creating a store there', async () => {
    const dataDir = tempDir('token-fresh');
    const result = await alphanest(['token', '--sub', 'carol'], dataDir);
    expect(result.code).toBe(0);
    expect(existsSync(pgliteDir(dataDir))).toBe(false);
    const dev = createAuth(await loadSigningKeys({ DATA_DIR: dataDir }), { jwtMaxAgeSeconds: 86_400 });
    expect(await dev.verify(result.stdout.trim())).toEqual({ sub: 'carol', role: 'user' });
  }, 60_000);

  it('signs with the dev key while a node holds DATA_DIR, and says which key and how to get one the node accepts', async () => {
    const dataDir = tempDir('token-busy');
    // This process stands for the running `npm start`: its PGlite store exists, and it holds the lock.
    mkdirSync(pgliteDir(dataDir));
    const release = lockDataDir(dataDir);
    try {
      const result = await alphanest(['token', '--sub', 'bob'], dataDir);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`DATA_DIR is in use by AlphaNest (pid ${process.pid})`);
      expect(result.stderr).toContain('signed with the generated dev key (DATA_DIR/keys)');
      expect(result.stderr).toContain('only for 900 s (JWT_KEY_GRACE_SECONDS, at most 15 min; none in production)');
      expect(result.stderr).toContain('stop the node and run `alphanest token` again');
      const dev = createAuth(await loadSigningKeys({ DATA_DIR: dataDir }), { jwtMaxAgeSeconds: 86_400 });
      expect(await dev.verify(result.stdout.trim())).toEqual({ sub: 'bob', role: 'user' });
    } finally {
      release();
    }
  }, 60_000);
});
