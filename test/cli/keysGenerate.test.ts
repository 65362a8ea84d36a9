import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createAuth } from '../../src/core/auth/auth.ts';
import { loadSigningKeys } from '../../src/core/auth/keys.ts';
import { tempDir } from '../support/tempDir.ts';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../../src/cli/main.ts');

async function alphanest(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
      cwd: tmpdir(),
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('alphanest keys generate', () => {
  const dataDir = tempDir('keys-data');

  it('writes a production RS256 key pair, the private key readable by its owner only', async () => {
    const out = join(tempDir('keys'), 'production');
    const result = await alphanest(['keys', 'generate', '--out', out], { DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 0 });
    const publicFile = join(out, 'jwt-public.pem');
    const privateFile = join(out, 'jwt-private.pem');
    expect(result.stdout).toContain(`JWT_PUBLIC_FILE=${publicFile}\nJWT_PRIVATE_FILE=${privateFile}\n`);
    expect(statSync(privateFile).mode & 0o777).toBe(0o600);
    expect(statSync(publicFile).mode & 0o777).toBe(0o644);
    expect(statSync(out).mode & 0o777).toBe(0o700);

    // Production takes it (it is no generated dev key), and it signs tokens the public key verifies.
    const keys = await loadSigningKeys({
      JWT_PUBLIC_FILE: publicFile,
      JWT_PRIVATE_FILE: privateFile,
      DATA_DIR: dataDir,
      ENV: 'production',
    });
    const auth = createAuth(keys, { jwtMaxAgeSeconds: 3600 });
    expect(await auth.verify(await auth.sign({ sub: 'ops', role: 'admin' }, '5m'))).toEqual({
      sub: 'ops',
      role: 'admin',
    });
  });

  it('never replaces a key: a folder holding one is refused and left as it was', async () => {
    const out = tempDir('keys-twice');
    expect((await alphanest(['keys', 'generate', '--out', out], { DATA_DIR: dataDir })).code).toBe(0);
    const before = readFileSync(join(out, 'jwt-private.pem'), 'utf8');
    const again = await alphanest(['keys', 'generate', '--out', out], { DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/jwt-public\.pem and .*jwt-private\.pem already exist\(s\).*nothing was written/);
    expect(readFileSync(join(out, 'jwt-private.pem'), 'utf8')).toBe(before);
  });

  it.each([
    [['keys'], 'keys takes one action: generate --out DIR'],
    [['keys', 'rotate'], 'keys takes one action: generate --out DIR'],
    [['keys', 'generate'], '--out DIR is required'],
  ])('refuses %j: %s', async (args, message) => {
    const result = await alphanest(args, { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('refuses a file given as the folder, naming --out', async () => {
    const file = join(tempDir('keys-file'), 'not-a-folder');
    writeFileSync(file, 'x');
    for (const out of [file, join(file, 'below')]) {
      const result = await alphanest(['keys', 'generate', '--out', out], { DATA_DIR: dataDir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--out: ${out} is not a folder`);
    }
  });

  it('fails at once where no folder can be made (Node spins for ever making /proc/nope recursively)', async () => {
    const result = await alphanest(['keys', 'generate', '--out', '/proc/nope/keys'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    // Named as the option at fault, not as mkdir's own words.
    expect(result.stderr).toMatch(/^alphanest: --out: cannot write the key pair into \/proc\/nope\/keys \(ENOENT\)\n/);
  });

  it('refuses DATA_DIR/keys, where production takes any key for a dev key', async () => {
    const result = await alphanest(['keys', 'generate', '--out', join(dataDir, 'keys', 'prod')], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is where dev keys live (DATA_DIR/keys)');
  });
});
