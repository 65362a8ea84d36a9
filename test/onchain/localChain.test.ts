import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { contractsIn, createLocalChain } from '../../src/modules/onchain/localChain/localChain.ts';

describe('the embedded local chain', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alphanest-local-chain-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops at once when the platform closes while it is still starting', async () => {
    const closing = new AbortController();
    const chain = createLocalChain({
      contracts: contractsIn(dataDir, closing.signal),
      logger: pino({ level: 'silent' }),
    });
    const starting = chain.ready();
    // As the module closes it: the compiler's worker is ended, anvil stopped once booted; the seeding never runs.
    closing.abort(new Error('closing'));
    await chain.stop();
    await expect(starting).rejects.toThrow('closing');
  });

  it('never outlives the process that started it, even one killed with SIGKILL', async () => {
    const anvil = new URL('../../src/modules/onchain/localChain/anvil.ts', import.meta.url).pathname;
    const script = `const { startAnvil } = await import(${JSON.stringify(anvil)}); console.log((await startAnvil()).url);`;
    const owner = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      owner.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      owner.once('exit', (code) => reject(new Error(`the owner exited with ${code}`)));
    });
    const blockNumber = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
      }).then(
        (r) => r.ok,
        () => false,
      );
    expect(await blockNumber()).toBe(true);
    owner.kill('SIGKILL');
    await vi.waitFor(async () => expect(await blockNumber()).toBe(false), { timeout: 15_000, interval: 100 });
  });
});
