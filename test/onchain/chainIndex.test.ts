import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { encodeFunctionData, getAddress, parseAbi, parseAbiItem, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createLeases } from '../../src/core/lease/leases.ts';
import { ModuleList } from '../../src/core/module.ts';
import { marketModule } from '../../src/modules/market/index.ts';
import { onchainModule, SCAM_STORY, type OnchainChain } from '../../src/modules/onchain/index.ts';
import { createChainIndex, TIP_CHECK_MS } from '../../src/modules/onchain/history/chainIndex.ts';
import { createIndexerWorker } from '../../src/modules/onchain/history/indexerWorker.ts';
import type { DemoEconomy } from '../../src/modules/onchain/localChain/demoEconomy.ts';
import { tokensModule } from '../../src/modules/tokens/index.ts';
import { createTestContext } from '../support/context.ts';
import { createManualClock } from '../support/manualClock.ts';

const transferEvent = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');
const logger = pino({ level: 'silent' });

/**
 * The chain index on a real chain (anvil with the demo economy) and real PostgreSQL: what it stores, that it
 * resumes from its cursor and stores nothing twice (two indexers at once), and that it undoes a reorganisation.
 */
describe('the chain index', () => {
  let ctx: AppContext;
  let chain: OnchainChain;
  let economy: DemoEconomy;
  let catchUp: (chain: string | number) => Promise<{ indexed_to: number; head: number; behind: number }>;
  const rpc = (method: string, params: unknown[] = []) =>
    (chain.client.request as unknown as (a: { method: string; params: unknown[] }) => Promise<unknown>)({
      method,
      params,
    });
  const send = async (from: Address, to: Address, value: bigint) => {
    const hash = (await rpc('eth_sendTransaction', [{ from, to, value: `0x${value.toString(16)}` }])) as Hex;
    await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    return hash.toLowerCase();
  };
  const count = async (table: string, where = sql`true`) => {
    const result = (await ctx.db.drizzle.execute(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`,
    )) as unknown as { rows: Array<{ n: number }> };
    return result.rows[0]!.n;
  };
  const duplicates = async () => {
    const result = (await ctx.db.drizzle.execute(
      sql`SELECT (SELECT count(*) FROM onchain_transactions) - (SELECT count(DISTINCT hash) FROM onchain_transactions) AS txs,
                 (SELECT count(*) FROM onchain_token_transfers) - (SELECT count(DISTINCT (block, log_index)) FROM onchain_token_transfers) AS logs`,
    )) as unknown as { rows: Array<{ txs: string; logs: string }> };
    return result.rows[0];
  };

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
    const platform = await new ModuleList().add(tokensModule).add(marketModule).add(onchainModule).create(ctx);
    ({ economy } = await platform.onchain.localChain.ready());
    catchUp = platform.onchain.catchUp;
    chain = await platform.onchain.chains.resolve('local');
  }, 180_000);
  afterAll(() => ctx?.close());

  it('stores the demo economy: transfers, deployments, pools and liquidity, and answers history from them', async () => {
    const status = await catchUp('local');
    expect(status.behind).toBe(0);
    expect(status.indexed_to).toBe(Number(await chain.client.getBlockNumber()));

    const clean = economy.tokens.clean;
    // Holders from the index are the token's own Transfer logs summed.
    const logs = await chain.client.getLogs({ address: clean, event: transferEvent, fromBlock: 0n, toBlock: 'latest' });
    const expected = new Map<string, bigint>();
    for (const { args } of logs) {
      expected.set(args.from!.toLowerCase(), (expected.get(args.from!.toLowerCase()) ?? 0n) - args.value!);
      expected.set(args.to!.toLowerCase(), (expected.get(args.to!.toLowerCase()) ?? 0n) + args.value!);
    }
    expect(await chain.history.transferBalances(clean)).toEqual(expected);

    expect(await chain.history.creatorOf(clean)).toBe(economy.deployer);
    const deployed = await chain.history.contractsCreatedBy(economy.deployer);
    expect(deployed).toEqual(expect.arrayContaining([economy.wrapped, economy.factory, economy.router, clean]));

    const liquidity = await chain.history.liquidityEvents(economy.deployer);
    const added = liquidity!.find((e) => e.token === clean && e.kind === 'mint');
    expect(added).toMatchObject({ account: economy.deployer, kind: 'mint' });
    expect(added!.native_amount).toBeGreaterThan(0n);
    expect(added!.token_amount).toBeGreaterThan(0n);
    expect(await count('onchain_pairs')).toBeGreaterThanOrEqual(Object.keys(economy.tokens).length - 2);
    expect(await count('onchain_pair_events', sql`kind = 'swap'`)).toBeGreaterThan(0);

    const wallet = economy.wallets[0]!;
    const native = await chain.history.nativeTransfers(wallet, 100);
    expect(native!.length).toBeGreaterThan(0);
    expect(native!.every((t) => t.from === wallet || t.to === wallet)).toBe(true);
    const tokenMoves = await chain.history.tokenTransfers(wallet, 100);
    expect(tokenMoves!.some((t) => t.token === clean)).toBe(true);
    const activity = await chain.history.activity(wallet);
    expect(activity!.tx_count).toBeGreaterThan(0);
    expect(activity!.first_block).toBeLessThanOrEqual(activity!.last_block!);
    expect(await chain.history.activity('0x00000000000000000000000000000000000f00d5')).toMatchObject({
      tx_count: 0,
      first_block: null,
    });
  });

  it("stores internal transfers from the node's traces: the router paying out liquidity removed, WETH unwrapping", async () => {
    await catchUp('local');
    const received = await chain.history.nativeTransfers(SCAM_STORY.scammer, 100);
    // removeLiquidityETH: WETH pays the router inside the transaction, and the router pays the scammer.
    const payout = received!.find((t) => t.internal && t.from === economy.router && t.to === SCAM_STORY.scammer);
    expect(payout!.value).toBeGreaterThan(10n ** 18n);
    const unwrap = await chain.history.nativeTransfers(economy.router, 1_000);
    expect(unwrap!.some((t) => t.internal && t.tx_hash === payout!.tx_hash && t.from === economy.wrapped)).toBe(true);
    // The transaction's own value stays its row's: a wallet's plain transfers are not internal.
    expect(received!.find((t) => t.from === SCAM_STORY.funder)).not.toHaveProperty('internal');
  });

  it('indexes a node without a trace API, leaving internal transfers out', async () => {
    const bare = await createTestContext({ backend: 'postgres' });
    try {
      const request = chain.client.request;
      // From the block of a fresh transfer on: a few blocks are enough, and quick to read.
      const hash = await send(economy.wallets[2]!, economy.wallets[3]!, 5n);
      const { blockNumber } = await chain.client.getTransactionReceipt({ hash: hash as Hex });
      const untraced = {
        ...chain,
        spec: { ...chain.spec, start_block: Number(blockNumber) },
        client: {
          ...chain.client,
          request: ((args: { method: string }) =>
            args.method === 'trace_block'
              ? Promise.reject(Object.assign(new Error('Method not found'), { code: -32601 }))
              : request(args as never)) as typeof request,
        },
      };
      const status = await createChainIndex(bare.db, bare.config, logger).indexerOf(untraced).catchUp();
      expect(status.behind).toBe(0);
      const rows = (table: string) =>
        bare.db.drizzle.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`) as unknown as Promise<{
          rows: Array<{ n: number }>;
        }>;
      expect((await rows('onchain_transactions')).rows[0]!.n).toBeGreaterThan(0);
      expect((await rows('onchain_internal_transfers')).rows[0]!.n).toBe(0);
    } finally {
      await bare.close();
    }
  });

  it('resumes from its cursor in a new process, and two indexers at once store each row once', async () => {
    await catchUp('local');
    const before = await count('onchain_transactions');
    const [from, to] = [economy.wallets[1]!, economy.wallets[2]!];
    const hashes = [await send(from, to, 1_000n), await send(from, to, 2_000n)];
    // Two other "nodes": their own indexers over the same database, racing for the same blocks.
    const nodes = [createChainIndex(ctx.db, ctx.config, logger), createChainIndex(ctx.db, ctx.config, logger)];
    const statuses = await Promise.all(nodes.map((node) => node.indexerOf(chain).catchUp()));
    expect(statuses.map((s) => s.behind)).toEqual([0, 0]);
    expect(await count('onchain_transactions')).toBe(before + 2);
    for (const hash of hashes) expect(await count('onchain_transactions', sql`hash = ${hash}`)).toBe(1);
    expect(await duplicates()).toEqual({ txs: '0', logs: '0' });
  });

  it('undoes a reorganisation: blocks that left the chain leave the index', async () => {
    await catchUp('local');
    const [from, gone, stays] = [economy.wallets[3]!, economy.wallets[4]!, economy.wallets[5]!];
    const snapshot = await rpc('evm_snapshot');
    const orphaned = await send(from, gone, 7_777n);
    await catchUp('local');
    expect(await count('onchain_transactions', sql`hash = ${orphaned}`)).toBe(1);

    // The chain goes back and grows another way, longer than before.
    await rpc('evm_revert', [snapshot]);
    const replacing = await send(from, stays, 8_888n);
    await rpc('anvil_mine', ['0x2']);
    const status = await catchUp('local');
    expect(status.behind).toBe(0);
    expect(await count('onchain_transactions', sql`hash = ${orphaned}`)).toBe(0);
    expect(await count('onchain_transactions', sql`hash = ${replacing}`)).toBe(1);
    const received = await chain.history.nativeTransfers(gone, 1_000);
    expect(received!.some((t) => t.value === 7_777n)).toBe(false);
    // The kept hashes are the chain's own again.
    const kept = (await ctx.db.drizzle.execute(
      sql`SELECT number::int AS number, hash FROM onchain_indexed_blocks ORDER BY number DESC LIMIT 3`,
    )) as unknown as { rows: Array<{ number: number; hash: string }> };
    for (const { number, hash } of kept.rows)
      expect(hash).toBe((await chain.client.getBlock({ blockNumber: BigInt(number) })).hash.toLowerCase());
  });

  it('undoes a reorganisation anvil_reorg makes at the same height', async () => {
    await catchUp('local');
    const [from, to] = [economy.wallets[0]!, economy.wallets[1]!];
    const hash = await send(from, to, 4_242n);
    await rpc('anvil_mine', ['0x2']);
    await catchUp('local');
    expect(await count('onchain_transactions', sql`hash = ${hash}`)).toBe(1);
    // Replaces the last 3 blocks (the transfer's among them) with new ones holding another transaction.
    await rpc('anvil_reorg', [3, [[{ from, to, value: '0x1' }, 0]]]);
    await catchUp('local');
    expect(await count('onchain_transactions', sql`hash = ${hash}`)).toBe(0);
    expect(await count('onchain_transactions', sql`"from" = ${from.toLowerCase()} AND value = 1`)).toBe(1);
    expect(await duplicates()).toEqual({ txs: '0', logs: '0' });
  });

  it('sees a reorganisation that kept the height when asked, with one block read for a burst of questions', async () => {
    await catchUp('local');
    const clock = createManualClock();
    let blockReads = 0;
    const { getBlock } = chain.client;
    const counted = {
      ...chain,
      client: {
        ...chain.client,
        getBlock: ((args) => {
          blockReads += 1;
          return getBlock(args);
        }) as typeof getBlock,
      },
    };
    const { history, index } = createChainIndex(ctx.db, ctx.config, logger, clock).historyOf(counted, true);
    const [from, gone, stays] = [economy.wallets[0]!, economy.wallets[4]!, economy.wallets[5]!];
    const snapshot = await rpc('evm_snapshot');
    const orphaned = await send(from, gone, 6_666n);
    const height = await chain.client.getBlockNumber({ cacheTime: 0 });
    expect((await history.nativeTransfers(gone, 1_000))!.some((t) => t.tx_hash === orphaned)).toBe(true);

    // Questions asked together, and right after one another, read the newest block's hash once.
    clock.advance(TIP_CHECK_MS);
    blockReads = 0;
    await Promise.all([
      history.nativeTransfers(gone, 1_000),
      history.tokenTransfers(gone, 1_000),
      history.activity(gone),
      history.contractsCreatedBy(gone),
      history.transferBalances(economy.tokens.clean),
    ]);
    await history.activity(stays);
    await index.fresh();
    expect(blockReads).toBe(1);

    // Another block at the same height: the indexer's next pass is not needed for a question to see it.
    await rpc('evm_revert', [snapshot]);
    const replacing = await send(from, stays, 6_767n);
    expect(await chain.client.getBlockNumber({ cacheTime: 0 })).toBe(height);
    clock.advance(TIP_CHECK_MS);
    const [lost, got] = await Promise.all([
      history.nativeTransfers(gone, 1_000),
      history.nativeTransfers(stays, 1_000),
    ]);
    expect(lost!.some((t) => t.tx_hash === orphaned)).toBe(false);
    expect(got!.some((t) => t.tx_hash === replacing && t.value === 6_767n)).toBe(true);
    expect(await count('onchain_transactions', sql`hash = ${orphaned}`)).toBe(0);
    expect((await index.fresh()).behind).toBe(0);
  });

  it('runs as a worker on one node at a time: the node holding the chain lease follows the chain', async () => {
    const nodes = ['a', 'b'].map((holder) =>
      createIndexerWorker({
        chains: { configured: () => [], resolve: async () => chain },
        leases: createLeases(ctx.db, logger, { ttlMs: 5_000, holder }),
        localRuns: true,
        intervalMs: 100,
        logger,
      }),
    );
    const stops = await Promise.all(nodes.map((node) => node.start()));
    try {
      const hash = await send(economy.wallets[2]!, economy.wallets[3]!, 5_555n);
      await vi.waitFor(async () => expect(await count('onchain_transactions', sql`hash = ${hash}`)).toBe(1), {
        timeout: 30_000,
        interval: 100,
      });
      const holders = (await ctx.db.drizzle.execute(
        sql`SELECT holder FROM leases WHERE name = ${`onchain-indexer:${chain.spec.id}`} AND expires_at > now()`,
      )) as unknown as { rows: Array<{ holder: string }> };
      expect(holders.rows).toHaveLength(1);
      expect(['a', 'b']).toContain(holders.rows[0]!.holder);
    } finally {
      for (const stop of stops) await stop();
    }
    expect(await duplicates()).toEqual({ txs: '0', logs: '0' });
  });

  it('from a start_block past genesis, gives balances only of tokens deployed within its reach', async () => {
    await catchUp('local');
    const late = economy.tokens.lockedPool;
    const deployed = (await ctx.db.drizzle.execute(
      sql`SELECT block::int AS block FROM onchain_transactions WHERE created = ${late.toLowerCase()}`,
    )) as unknown as { rows: Array<{ block: number }> };
    const startBlock = deployed.rows[0]!.block;
    // A trade in the clean token's pool, which was created before startBlock.
    const buyer = economy.wallets[0]!;
    const hash = (await rpc('eth_sendTransaction', [
      {
        from: buyer,
        to: economy.router,
        value: '0x2386f26fc10000',
        // A gas limit of its own: without one the swap reverted in about one run of three, though eth_call of it
        // succeeded; most likely anvil's estimate left out the price-accumulator writes a block with a later timestamp makes.
        gas: '0x7a120',
        data: encodeFunctionData({
          abi: parseAbi([
            'function swapExactETHForTokens(uint256, address[], address, uint256) payable returns (uint256[])',
          ]),
          args: [0n, [economy.wrapped, economy.tokens.clean], buyer, 2n ** 64n],
        }),
      },
    ])) as Hex;
    expect((await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 10 })).status).toBe('success');
    const bare = await createTestContext({ backend: 'postgres' });
    try {
      const partial = { ...chain, spec: { ...chain.spec, start_block: startBlock } };
      const { history, index } = createChainIndex(bare.db, bare.config, logger).historyOf(partial, true);
      await index.catchUp();
      expect(await history.transferBalances(late)).toEqual(await chain.history.transferBalances(late));
      // The clean token was deployed before the index's first block: its Transfer logs are not all there.
      expect(await history.transferBalances(economy.tokens.clean)).toBeNull();
      // Its pool is found by the factory's getPair when its events appear, its creation unknown, and they are kept.
      const pool = (await bare.db.drizzle.execute(
        sql`SELECT p.pair, p.block, p.creator, count(e.*)::int AS swaps FROM onchain_pairs p
              LEFT JOIN onchain_pair_events e ON e.pair = p.pair AND e.kind = 'swap' AND e.tx_hash = ${hash.toLowerCase()}
            WHERE p.token0 = ${economy.tokens.clean.toLowerCase()} OR p.token1 = ${economy.tokens.clean.toLowerCase()}
            GROUP BY p.pair, p.block, p.creator`,
      )) as unknown as { rows: Array<{ pair: string; block: number | null; creator: string | null; swaps: number }> };
      expect(pool.rows).toEqual([{ pair: expect.any(String), block: null, creator: null, swaps: 1 }]);
      // A contract emitting a pool's events that no configured factory names stays out.
      const impostors = (await bare.db.drizzle.execute(
        sql`SELECT count(*)::int AS n FROM onchain_pair_events e
            WHERE NOT EXISTS (SELECT 1 FROM onchain_pairs p WHERE p.pair = e.pair)`,
      )) as unknown as { rows: Array<{ n: number }> };
      expect(impostors.rows[0]!.n).toBe(0);
    } finally {
      await bare.close();
    }
  });

  it('answers null, never "nothing happened", while the index is behind the head', async () => {
    const bare = await createTestContext();
    try {
      // One block per question at most, no lag allowed: the demo chain's hundreds of blocks are out of reach.
      const config = { ...bare.config, ONCHAIN_INDEXER_BATCH_BLOCKS: 1, ONCHAIN_INDEX_MAX_LAG_BLOCKS: 0 };
      const { history, index } = createChainIndex(bare.db, config, logger).historyOf(chain, false);
      expect(await history.transferBalances(economy.tokens.clean)).toBeNull();
      expect(await history.activity(economy.wallets[0]!)).toBeNull();
      expect(await history.creatorOf(getAddress(economy.tokens.clean))).toBeNull();
      const status = await index.status();
      expect(status.indexed_to).toBe(-1);
      expect(status.behind).toBe(status.head + 1);
    } finally {
      await bare.close();
    }
  });
});
