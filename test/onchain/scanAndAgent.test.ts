import { sql } from 'drizzle-orm';
import { encodeFunctionData, parseAbi, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createLeases } from '../../src/core/lease/leases.ts';
import { ModuleList } from '../../src/core/module.ts';
import { agentCatalogue, intelligenceModule } from '../../src/modules/intelligence/index.ts';
import { marketModule } from '../../src/modules/market/index.ts';
import { createOnchainAgent } from '../../src/modules/onchain/agent/onchainAgent.ts';
import { onchainModule } from '../../src/modules/onchain/index.ts';
import type { DemoEconomy } from '../../src/modules/onchain/localChain/demoEconomy.ts';
import { tokensModule } from '../../src/modules/tokens/index.ts';
import { createTestContext } from '../support/context.ts';

/**
 * naughty_coin.scan_new and the on-chain agent on the embedded chain (anvil, the demo economy) over
 * PostgreSQL: every pool since a block is checked, riskiest first; the agent publishes each dangerous token
 * once as `onchain` intelligence, and a second pass (or a restart) publishes nothing again.
 */
describe('scan_new and the on-chain agent', () => {
  let ctx: AppContext;
  let platform: Awaited<ReturnType<typeof build>>;
  let economy: DemoEconomy;
  /** The tokens at danger on the demo chain, as the first scan found them. */
  let dangerCount = 0;
  const build = (c: AppContext) =>
    new ModuleList().add(tokensModule).add(marketModule).add(intelligenceModule).add(onchainModule).create(c);
  const onchainItems = async () =>
    (
      (await ctx.db.drizzle.execute(
        sql`SELECT title, analysis, tokens, agent_id FROM intelligence_items WHERE type = 'onchain' ORDER BY title`,
      )) as unknown as {
        rows: Array<{ title: string; analysis: string; tokens: Array<{ address: string }>; agent_id: string }>;
      }
    ).rows;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
    platform = await build(ctx);
    ({ economy } = await platform.onchain.localChain.ready());
  }, 180_000);
  afterAll(() => ctx?.close());

  it('scan_new checks the tokens of the pools created since a block, riskiest first', async () => {
    const [, scanTool] = platform.onchain.tools.tools;
    const chain = await platform.onchain.chains.resolve('local');
    const result = (await scanTool!.handler(
      { chain: 'local', from_block: 0, limit: 100 },
      { principal: null, logger: ctx.logger, signal: new AbortController().signal },
    )) as any;
    expect(result.index_behind_blocks).toBe(0);
    expect(result.to_block).toBe(Number(await chain.client.getBlockNumber()));
    dangerCount = result.tokens.filter((t: any) => t.level === 'danger').length;
    expect(dangerCount).toBeGreaterThanOrEqual(3);
    const byAddress = new Map(result.tokens.map((t: any) => [t.address, t]));
    expect(byAddress.get(economy.tokens.clean)).toMatchObject({ level: 'safe', findings: [] });
    expect(byAddress.get(economy.tokens.honeypot)).toMatchObject({ level: 'danger' });
    expect((byAddress.get(economy.tokens.honeypot) as any).findings.map((f: any) => f.id)).toContain('cannot_sell');
    const scores = result.tokens.map((t: any) => t.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(result.next_from_block).toBe(result.to_block + 1);
    // A window after every pool: nothing to check.
    const none = (await scanTool!.handler(
      { chain: 'local', from_block: result.next_from_block, limit: 20 },
      { principal: null, logger: ctx.logger, signal: new AbortController().signal },
    )) as any;
    expect(none.tokens).toEqual([]);
    // A limit stops at whole blocks and says where to go on.
    const first = (await scanTool!.handler(
      { chain: 'local', from_block: 0, limit: 2 },
      { principal: null, logger: ctx.logger, signal: new AbortController().signal },
    )) as any;
    expect(first.tokens.length).toBeLessThanOrEqual(2);
    expect(first.next_from_block).toBeGreaterThan(Math.max(...first.tokens.map((t: any) => t.pool_block)));
  });

  it('the agent publishes each dangerous token once as onchain intelligence, and is in the catalogue', async () => {
    expect(agentCatalogue.map((a) => a.id)).toContain('onchain-watch');
    // Two nodes run the agent's worker; the one holding the chain's lease scans and publishes.
    const nodes = ['a', 'b'].map((holder) =>
      createOnchainAgent({
        chains: platform.onchain.chains,
        db: ctx.db,
        leases: createLeases(ctx.db, ctx.logger, { ttlMs: 5_000, holder }),
        ingest: (item) => platform.intelligence.service.ingest(item),
        check: (chain, token) => platform.onchain.checkToken(chain.spec.name, token),
        localRuns: true,
        intervalMs: 100,
        logger: ctx.logger,
      }),
    );
    const stops = await Promise.all(nodes.map((node) => node.worker.start()));
    try {
      await vi.waitFor(async () => expect((await onchainItems()).length).toBe(dangerCount), {
        timeout: 60_000,
        interval: 200,
      });
    } finally {
      for (const stop of stops) await stop();
    }
    let items = await onchainItems();
    expect(items).toHaveLength(dangerCount);
    expect(items.every((i) => i.agent_id === 'onchain-watch')).toBe(true);
    const honeypot = items.find((i) => i.tokens[0]!.address === economy.tokens.honeypot)!;
    expect(honeypot.title).toContain('Scam token on local');
    expect(honeypot.analysis).toContain('cannot_sell');

    // The next pass starts after the last pool: nothing new, nothing published again.
    const agent = platform.onchain.agent!;
    const again = await agent.pass('local');
    expect(again.tokens).toEqual([]);
    expect(again.published).toBe(0);

    // The agent keeps nothing in memory: with its stored cursor moved back to the start (a node that had
    // not recorded its progress), it checks them again and publishes none twice.
    await ctx.db.drizzle.execute(sql`UPDATE onchain_agent_cursors SET next_block = 0`);
    const replay = await agent.pass('local');
    expect(replay.tokens.filter((t) => t.level === 'danger')).toHaveLength(dangerCount);
    expect(replay.published).toBe(0);
    items = await onchainItems();
    expect(items).toHaveLength(dangerCount);
  });

  it('goes back over the blocks a reorganisation replaced: a pool created there is checked, nothing published twice', async () => {
    const agent = platform.onchain.agent!;
    const chain = await platform.onchain.chains.resolve('local');
    const rpc = (method: string, params: unknown[] = []) =>
      (chain.client.request as unknown as (a: { method: string; params: unknown[] }) => Promise<unknown>)({
        method,
        params,
      });
    const cursor = async () =>
      (
        (await ctx.db.drizzle.execute(sql`SELECT next_block::int AS next FROM onchain_agent_cursors`)) as unknown as {
          rows: Array<{ next: number }>;
        }
      ).rows[0]!.next;
    await agent.pass('local');
    const snapshot = await rpc('evm_snapshot');
    // The agent passes blocks that are about to leave the chain.
    await rpc('anvil_mine', ['0x5']);
    await agent.pass('local');
    const passed = await cursor();
    expect(passed).toBe(Number(await chain.client.getBlockNumber()) + 1);

    // The chain goes back, and a pool (of the token that had none) is created in the blocks that replace them.
    await rpc('evm_revert', [snapshot]);
    const hash = (await rpc('eth_sendTransaction', [
      {
        from: economy.deployer,
        to: economy.factory,
        data: encodeFunctionData({
          abi: parseAbi(['function createPair(address, address) returns (address)']),
          args: [economy.tokens.ghost, economy.wrapped],
        }),
      },
    ])) as Hex;
    const { blockNumber } = await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    expect(Number(blockNumber)).toBeLessThan(passed);

    const after = await agent.pass('local');
    expect(after.tokens.map((t) => t.address)).toContain(economy.tokens.ghost);
    expect(after.published).toBe(0);
    expect(await cursor()).toBe(Number(blockNumber) + 1);
    expect(await onchainItems()).toHaveLength(dangerCount);
  });
});
