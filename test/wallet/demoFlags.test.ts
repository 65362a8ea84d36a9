import { describe, expect, it } from 'vitest';
import { ModuleList } from '../../src/core/module.ts';
import { marketModule } from '../../src/modules/market/index.ts';
import { onchainModule, SCAM_STORY } from '../../src/modules/onchain/index.ts';
import { tokensModule } from '../../src/modules/tokens/index.ts';
import { walletModule } from '../../src/modules/wallet/index.ts';
import { createTestContext } from '../support/context.ts';

/** The modules the flags need, built and prepared as the platform does at start. */
const modules = new ModuleList().add(tokensModule).add(marketModule).add(onchainModule).add(walletModule);

describe('the demo flagged addresses', () => {
  it("are seeded at start on the embedded default with DEMO_DATA: the scripted scam's funder and mixer", async () => {
    const ctx = await createTestContext({ env: { DEMO_DATA: 'true' } });
    try {
      const platform = await modules.create(ctx);
      const { flags } = await platform.wallet.flags.list({ limit: 10 });
      // By address: the mixer (0x1c49…) before the funder (0x412b…).
      expect(flags).toEqual([
        expect.objectContaining({
          chain_id: 31337,
          address: SCAM_STORY.mixer,
          category: 'mixer',
          source: 'alphanest demo',
        }),
        expect.objectContaining({
          chain_id: 31337,
          address: SCAM_STORY.funder,
          category: 'scam',
          source: 'alphanest demo',
        }),
      ]);
      // A second start adds nothing and keeps an operator's own word on them.
      expect(await platform.wallet.flags.seedDemo()).toBe(0);
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('are not seeded when chains are configured', async () => {
    const ctx = await createTestContext({ env: { DEMO_DATA: 'true', CHAIN_RPC_URLS: '1=http://127.0.0.1:9' } });
    try {
      const platform = await modules.create(ctx);
      expect((await platform.wallet.flags.list({ limit: 10 })).flags).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
