import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `npm start`'s URL banner and "Press Ctrl-C to stop" come once the node is up, never before a failed start. */
describe('the start-up banner', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'alphanest-banner-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is not printed when the database is unreachable: only the one-line failure, exit status 2', async () => {
    const child = spawn(process.execPath, ['test/support/serveNode.ts', 'gateway'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        ENV: 'testing',
        DATA_DIR: dataDir(),
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/test',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect({ code, stderr }).toMatchObject({ code: 2 });
    expect(stderr).toMatch(/^alphanest: cannot open PostgreSQL at 127\.0\.0\.1:1\/test \(DATABASE_URL\): .*\n$/);
    expect(stdout).toBe('');
  }, 60_000);
});
