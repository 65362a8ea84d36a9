import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../../test/support/context.ts';
import type { AppContext } from '../../../core/context.ts';
import { loadConfig } from '../../../core/config.ts';
import { InvalidArgumentError, UpstreamError } from '../../../core/domainErrors.ts';
import { createChainIndex } from '../history/chainIndex.ts';
import type { LocalChain } from '../localChain/localChain.ts';
import { createChainRegistry } from './chainRegistry.ts';
import { ChainsConfigError } from './chainSpec.ts';

const logger = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'alphanest-chains-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A local chain that cannot start (no anvil on this machine, say). */
const broken: LocalChain = {
  ready: () => Promise.reject(new Error('anvil: not installed')),
  stop: async () => {},
};

let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const registry = (env: Record<string, string>) => {
  const config = loadConfig({ ENV: 'testing', ...env });
  return createChainRegistry(config, broken, logger, createChainIndex(ctx.db, config, logger).historyOf);
};

describe('chain registry', () => {
  it('answers chain_unavailable when no chain is configured and the local chain cannot start', async () => {
    const chains = registry({});
    expect(chains.configured()).toEqual([]);
    const err = await chains.resolve('local').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'chain_unavailable' });
    expect((err as Error).message).toContain('no chain');
    // Another chain is the caller's mistake, whatever state the local chain is in.
    await expect(chains.resolve('ethereum')).rejects.toMatchObject({ field: 'chain' });
  });

  it('resolves configured chains by id or name, and names the chain field otherwise', async () => {
    const chains = registry({ CHAIN_RPC_URLS: '8453=http://127.0.0.1:1' });
    expect((await chains.resolve('base')).spec.id).toBe(8453);
    expect((await chains.resolve(8453)).spec.name).toBe('base');
    expect((await chains.resolve(' 8453 ')).spec.name).toBe('base');
    const err = await chains.resolve('local').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toContain('base (8453)');
  });

  it('reports a bad CHAINS_FILE naming the field, and one it cannot read', () => {
    const path = join(dir, 'chains.json');
    writeFileSync(
      path,
      JSON.stringify({ chains: [{ id: 1, name: 'one', rpc_url: 'http://x', wrapped_native: 'nope' }] }),
    );
    expect(() => registry({ CHAINS_FILE: path }).configured()).toThrow(ChainsConfigError);
    expect(() => registry({ CHAINS_FILE: path }).configured()).toThrow('chains.0.wrapped_native');
    expect(() => registry({ CHAINS_FILE: join(dir, 'missing.json') }).configured()).toThrow('cannot read it (ENOENT)');
  });
});
