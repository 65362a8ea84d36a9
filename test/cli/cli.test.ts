import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { exportSPKI, generateKeyPair } from 'jose';
import { createAuth } from '../../src/core/auth/auth.ts';
import { loadSigningKeys } from '../../src/core/auth/keys.ts';
import { dropSchema, runId, services } from '../support/services.ts';
import { freePort } from '../support/redisServer.ts';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../../src/cli/main.ts');
const main = join(import.meta.dirname, '../../src/main.ts');

/** Runs the CLI in a fresh process with only the given environment (plus PATH). */
async function alphanest(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env }, cwd: tmpdir() });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('alphanest CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alphanest-cli-'));
  const schema = runId('cli');
  const pgEnv = { DATABASE_URL: services.postgresUrl, DATABASE_SCHEMA: schema, DATA_DIR: dataDir };
  afterAll(() => dropSchema(schema));

  it('prints a token signed with the dev key', async () => {
    const result = await alphanest(['token', '--sub', 'alice', '--role', 'admin', '--ttl', '2h'], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const auth = createAuth(await loadSigningKeys({ DATA_DIR: dataDir }), { JWT_MAX_AGE: '1d' });
    expect(await auth.verify(result.stdout.trim())).toEqual({ sub: 'alice', role: 'admin' });
  });

  it.each([
    [['token'], '--sub is required'],
    [['token', '--sub', 'a', '--role', 'god'], '--role must be one of'],
    [['token', '--sub', 'a', '--ttl', 'forever'], '--ttl must look like'],
    [['token', '--sub', 'a', '--bogus'], "Unknown option '--bogus'"],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['serve', 'nothing'], 'serve takes one of'],
    [['seed-demo', '--count', '0'], '--count must be a whole number'],
  ])('rejects %j with exit status 2 and the usage', async (args, message) => {
    const result = await alphanest(args, { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage: alphanest');
  });

  it('refuses to sign when only a public key is configured', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const file = join(dataDir, 'public.pem');
    writeFileSync(file, await exportSPKI(publicKey));
    const result = await alphanest(['token', '--sub', 'a'], { DATA_DIR: dataDir, JWT_PUBLIC_FILE: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no private key');
  });

  it('stops on invalid configuration with one line per problem', async () => {
    const result = await alphanest(['migrate'], { PORT: 'x', CACHE_URL: 'http://nope', ENV: 'production' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'alphanest: invalid configuration:',
      '  - PORT: must be a number',
      '  - CACHE_URL: must be a URL with scheme redis or rediss',
    ]);
  });

  it('migrates PostgreSQL and seeds the demo feed idempotently', async () => {
    expect((await alphanest(['migrate'], pgEnv)).stdout).toContain(`migrations applied (postgres, schema ${schema})`);
    expect((await alphanest(['seed-demo', '--count', '50'], pgEnv)).stdout).toContain('demo intelligence: 50 new item(s)');
    expect((await alphanest(['seed-demo', '--count', '50'], pgEnv)).stdout).toContain('demo intelligence: 0 new item(s), 50 already present');
  });
});

describe('npm start (src/main.ts)', () => {
  it('prints the URLs first, serves the demo feed on PGlite, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'alphanest-start-'));
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH, PORT: String(port), MCP_PORT: String(await freePort()), ARBITRAGE_PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      cwd: dataDir,
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await expect.poll(() => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0), { timeout: 60_000, interval: 250 }).toBe(200);
    expect(stdout.split('\n')[1]).toContain(`http://localhost:${port}/api/v1/intelligence/`);
    const feed = (await (await fetch(`http://127.0.0.1:${port}/api/v1/intelligence/?size=5`)).json()) as { items: unknown[] };
    expect(feed.items).toHaveLength(5);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
