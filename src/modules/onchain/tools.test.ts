import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { UpstreamError } from '../../core/domainErrors.ts';
import { createTokenRegistry } from '../tokens/index.ts';
import { createTestContext } from '../../../test/support/context.ts';
import { createChainRegistry } from './chains/chainRegistry.ts';
import { createChainIndex } from './history/chainIndex.ts';
import type { LocalChain } from './localChain/localChain.ts';
import { naughtyCoinTools } from './tools.ts';

const logger = pino({ level: 'silent' });
const unused: LocalChain = { ready: () => Promise.reject(new Error('not used')), stop: async () => {} };

describe('naughty_coin.check_token', () => {
  it('answers chain_unavailable, without the RPC URL, when the chain does not answer', async () => {
    // Nothing listens on port 1: every request is refused at once (and retried twice).
    const config = loadConfig({
      ENV: 'testing',
      CHAIN_RPC_URLS: '8453=http://127.0.0.1:1/secret-key',
      CHAIN_RPC_TIMEOUT_MS: '1000',
    });
    const ctx = await createTestContext();
    const { historyOf } = createChainIndex(ctx.db, config, logger);
    const [check] = naughtyCoinTools(
      createChainRegistry(config, unused, logger, historyOf),
      {
        registry: createTokenRegistry(),
        probeCode: async () => '0x',
        nativePriceUsd: async () => null,
        now: () => new Date(),
      },
      ctx.db,
    );
    const err = await check!
      .handler(
        { chain: 'base', address: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' },
        { principal: null, logger, signal: new AbortController().signal },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'chain_unavailable' });
    expect((err as Error).message).toContain('base did not answer');
    expect((err as Error).message).not.toContain('secret-key');
    await ctx.close();
  });
});
