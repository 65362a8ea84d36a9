import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';

const cli = join(import.meta.dirname, '../../src/cli/main.ts');

describe('alphanest serve arbitrage', () => {
  it('runs the engine alone and serves its opportunities on ARBITRAGE_PORT until Ctrl-C', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'alphanest-arbitrage-'));
    const child = spawn(process.execPath, [cli, 'serve', 'arbitrage'], {
      env: {
        PATH: process.env.PATH,
        ARBITRAGE_PORT: String(port),
        ARBITRAGE_INTERVAL_MS: '500',
        DATA_DIR: dataDir,
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
      },
      cwd: dataDir,
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      type Listing = { source: string; as_of: string; opportunities: unknown[] };
      const opportunities = () =>
        fetch(`http://127.0.0.1:${port}/opportunities?min_profit_pct=0`).then(
          (r) => r.json() as Promise<Listing>,
          () => null,
        );
      await expect
        .poll(async () => (await opportunities())?.source, { timeout: 60_000, interval: 250 })
        .toBe('simulated');
      expect(stdout).toContain(`http://localhost:${port}/opportunities`);
      const body = (await opportunities())!;
      expect(Date.parse(body.as_of)).toBeGreaterThan(Date.now() - 60_000);
      expect(Array.isArray(body.opportunities)).toBe(true);
      const bad = await fetch(`http://127.0.0.1:${port}/opportunities?limit=0`);
      expect(bad.status).toBe(400);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
