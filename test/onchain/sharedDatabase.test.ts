import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ModuleList } from '../../src/core/module.ts';
import { marketModule } from '../../src/modules/market/index.ts';
import { onchainModule } from '../../src/modules/onchain/index.ts';
import { tokensModule } from '../../src/modules/tokens/index.ts';
import { createTestContext } from '../support/context.ts';

/** The warnings a node logs while its on-chain module is built and prepared, on the given database. */
async function startWarnings(backend: 'postgres' | 'pglite', env: Record<string, string> = {}): Promise<string[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const ctx = await createTestContext({ backend, env, logger: pino({ level: 'warn' }, sink) });
  try {
    await new ModuleList().add(tokensModule).add(marketModule).add(onchainModule).create(ctx);
    return lines.map((line) => JSON.parse(line).msg as string);
  } finally {
    await ctx.close();
  }
}

describe('the embedded chain beside a shared database', () => {
  it('warns that nodes sharing PostgreSQL must share one chain, and names where to read how', async () => {
    const warnings = await startWarnings('postgres');
    expect(warnings).toContainEqual(
      expect.stringMatching(/runs its own embedded chain; nodes sharing this database must share one chain/),
    );
    expect(warnings.join('\n')).toContain('One chain for every node');
  });

  it('says nothing on the embedded database, which one node owns, or with a chain configured', async () => {
    expect(await startWarnings('pglite')).toEqual([]);
    expect(await startWarnings('postgres', { CHAIN_RPC_URLS: '8453=http://127.0.0.1:9' })).toEqual([]);
  });
});
