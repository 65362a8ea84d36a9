import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { getAddress, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import type { ChainClient } from '../../src/modules/onchain/chains/chainClient.ts';
import { createChainRegistry, type OnchainChain } from '../../src/modules/onchain/chains/chainRegistry.ts';
import { createChainIndex } from '../../src/modules/onchain/history/chainIndex.ts';
import { startAnvil, type RunningAnvil } from '../../src/modules/onchain/localChain/anvil.ts';
import type { LocalChain } from '../../src/modules/onchain/localChain/localChain.ts';
import {
  startFakeEtherscan,
  type EtherscanInternalTx,
  type EtherscanTokenTx,
  type EtherscanTx,
  type FakeEtherscan,
} from '../fakes/etherscan.ts';
import { analysisOf } from '../../src/modules/wallet/analysis.ts';
import { dossierOf } from '../../src/modules/wallet/dossier.ts';
import { createFlagRepository } from '../../src/modules/wallet/flagRepository.ts';
import { gatherWalletFacts } from '../../src/modules/wallet/walletFacts.ts';
import { createTestContext } from '../support/context.ts';

const logger = pino({ level: 'silent' });
const unused: LocalChain = { ready: () => Promise.reject(new Error('not used')), stop: async () => {} };

// Replayed from Etherscan's txlist / tokentx / getcontractcreation answers (addresses and hashes replaced).
const deployer = '0x1111111111111111111111111111111111111111';
const victim = '0x2222222222222222222222222222222222222222';
const token = '0x3333333333333333333333333333333333333333';
// A seller a router paid inside its transactions.
const seller = '0x5555555555555555555555555555555555555555';
const router = '0x6666666666666666666666666666666666666666';
const tx = (fields: Partial<EtherscanTx> & Pick<EtherscanTx, 'blockNumber' | 'hash' | 'from' | 'to' | 'value'>) => ({
  timeStamp: String(1_700_000_000 + Number(fields.blockNumber) * 12),
  nonce: '0',
  blockHash: `0x${'ab'.repeat(32)}`,
  transactionIndex: '3',
  gas: '21000',
  gasPrice: '12000000000',
  isError: '0',
  txreceipt_status: '1',
  input: '0x',
  contractAddress: '',
  cumulativeGasUsed: '1000000',
  gasUsed: '21000',
  confirmations: '1200',
  methodId: '0x',
  functionName: '',
  ...fields,
});
const txs: EtherscanTx[] = [
  tx({ blockNumber: '100', hash: `0x${'01'.repeat(32)}`, from: victim, to: deployer, value: '5000000000000000000' }),
  tx({
    blockNumber: '101',
    hash: `0x${'02'.repeat(32)}`,
    from: deployer,
    to: '',
    value: '0',
    contractAddress: token,
    input: '0x6080',
    gasUsed: '900000',
  }),
  // Failed, and without value: neither is a native transfer.
  tx({ blockNumber: '102', hash: `0x${'03'.repeat(32)}`, from: deployer, to: victim, value: '7', isError: '1' }),
  tx({ blockNumber: '103', hash: `0x${'04'.repeat(32)}`, from: deployer, to: token, value: '0' }),
  tx({ blockNumber: '104', hash: `0x${'05'.repeat(32)}`, from: deployer, to: victim, value: '1000' }),
  tx({ blockNumber: '25', hash: `0x${'25'.repeat(32)}`, from: victim, to: seller, value: '1000000000000000000' }),
];
// The seller's payouts, replayed from txlistinternal's answers (Etherscan's wire format).
const internalTx = (
  fields: Pick<EtherscanInternalTx, 'blockNumber' | 'hash' | 'from' | 'to' | 'value' | 'traceId'> &
    Partial<EtherscanInternalTx>,
): EtherscanInternalTx => ({
  timeStamp: String(1_700_000_000 + Number(fields.blockNumber) * 12),
  contractAddress: '',
  input: '',
  type: 'call',
  gas: '2300',
  gasUsed: '0',
  isError: '0',
  errCode: '',
  ...fields,
});
const internalTxs: EtherscanInternalTx[] = [
  // The router pays out a sale: the seller's first native coin.
  internalTx({
    blockNumber: '20',
    hash: `0x${'21'.repeat(32)}`,
    from: router,
    to: seller,
    value: '3000000000000000000',
    traceId: '0_1',
  }),
  // A payout in a call that reverted moved nothing.
  internalTx({
    blockNumber: '20',
    hash: `0x${'22'.repeat(32)}`,
    from: router,
    to: seller,
    value: '9',
    traceId: '0_1',
    isError: '1',
    errCode: 'Reverted',
  }),
  // A contract the seller's call created (with value): not a transfer to an account, as the traces have it.
  internalTx({
    blockNumber: '30',
    hash: `0x${'23'.repeat(32)}`,
    from: seller,
    to: '',
    value: '5',
    traceId: '0',
    type: 'create',
    contractAddress: '0x7777777777777777777777777777777777777777',
    input: '0x6080',
    gas: '254791',
    gasUsed: '46750',
  }),
  // Far past the local chain's head: outside what its index covers.
  internalTx({
    blockNumber: '1000000',
    hash: `0x${'24'.repeat(32)}`,
    from: router,
    to: seller,
    value: '4000000000000000000',
    traceId: '0_2_1',
  }),
];
const tokenTx = (blockNumber: string, hash: string, from: string, to: string, value: string): EtherscanTokenTx => ({
  blockNumber,
  timeStamp: String(1_700_000_000 + Number(blockNumber) * 12),
  hash,
  nonce: '1',
  blockHash: `0x${'cd'.repeat(32)}`,
  from,
  contractAddress: token,
  to,
  value,
  tokenName: 'Moon Rocket',
  tokenSymbol: 'MOONR',
  tokenDecimal: '18',
  transactionIndex: '1',
  gas: '60000',
  gasPrice: '12000000000',
  gasUsed: '51000',
  cumulativeGasUsed: '2000000',
  input: 'deprecated',
  confirmations: '1100',
});
const tokenTxs = [
  tokenTx('101', `0x${'02'.repeat(32)}`, '0x0000000000000000000000000000000000000000', deployer, '1000'),
  tokenTx('105', `0x${'06'.repeat(32)}`, deployer, victim, '300'),
];

/**
 * History from an Etherscan-compatible explorer where the chain index has not got: a configured chain (a real
 * anvil) whose index is far behind answers from a fake explorer speaking Etherscan's wire format.
 */
describe('explorer fallback', () => {
  let ctx: AppContext;
  let anvil: RunningAnvil;
  let explorer: FakeEtherscan;
  let chainsFile: string;
  /** The chain's registry; `node` stands for the chain's node as the index reads it. */
  const registry = (overrides: Partial<Config>, apiKey = 'KEY', node = (chain: ChainClient) => chain) => {
    writeFileSync(
      chainsFile,
      JSON.stringify({
        chains: [
          {
            id: 31337,
            name: 'devnet',
            rpc_url: anvil.url,
            wrapped_native: '0x4200000000000000000000000000000000000006',
            explorer_api_url: `${explorer.url}/api`,
            explorer_api_key: apiKey,
          },
        ],
      }),
    );
    const config = { ...loadConfig({ ENV: 'testing', CHAINS_FILE: chainsFile }), ...overrides };
    const { historyOf } = createChainIndex(ctx.db, config, logger);
    return createChainRegistry(config, unused, logger, (chain, local) => historyOf(node(chain), local));
  };
  const resolve = (overrides: Partial<Config>, apiKey = 'KEY'): Promise<OnchainChain> =>
    registry(overrides, apiKey).resolve('devnet');
  /** The chain as a node without the trace API serves it (as many public RPCs do). */
  const untraced = (chain: ChainClient): ChainClient => {
    const { request } = chain.client;
    return {
      ...chain,
      client: {
        ...chain.client,
        request: ((args: { method: string }) =>
          args.method === 'trace_block'
            ? Promise.reject(
                Object.assign(new Error('the method trace_block does not exist/is not available'), { code: -32601 }),
              )
            : request(args as never)) as typeof request,
      },
    };
  };
  /**
   * Native transfers ask txlist and txlistinternal together, and a refusal of one answers before the other's
   * request may have arrived; a failure queued next would go to that one, so a test waits for both.
   */
  const bothListsAsked = (asked: number) =>
    vi.waitFor(() => expect(explorer.requests.length).toBeGreaterThanOrEqual(asked + 2), {
      timeout: 10_000,
      interval: 10,
    });
  /** One block a question at most and no lag allowed: a chain of 50 blocks stays unindexed. */
  const behind = { ONCHAIN_INDEXER_BATCH_BLOCKS: 1, ONCHAIN_INDEX_MAX_LAG_BLOCKS: 0 };

  beforeAll(async () => {
    ctx = await createTestContext();
    chainsFile = join(ctx.config.DATA_DIR, 'chains.json');
    [anvil, explorer] = await Promise.all([
      startAnvil(),
      startFakeEtherscan('KEY', { txs, internalTxs, tokenTxs, creations: [] }),
    ]);
    explorer.data.creations = [{ contractAddress: token, contractCreator: deployer, txHash: `0x${'02'.repeat(32)}` }];
    await fetch(anvil.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_mine', params: ['0x32'] }),
    });
  }, 60_000);
  afterAll(async () => {
    await explorer?.close();
    await anvil?.stop();
    await ctx?.close();
  });

  it('answers what the index has not covered from the explorer, with its API key', async () => {
    const chain = await resolve(behind);
    expect((await chain.index.status()).behind).toBeGreaterThan(40);
    const { history } = chain;
    expect(await history.creatorOf(token)).toBe('0x1111111111111111111111111111111111111111');
    const native = await history.nativeTransfers(deployer, 10);
    expect(native!.map((t) => [t.block, t.value])).toEqual([
      [100, 5_000_000_000_000_000_000n],
      [104, 1000n],
    ]);
    expect(native![0]).toMatchObject({ from: '0x2222222222222222222222222222222222222222', tx_hash: txs[0]!.hash });
    expect(native![0]!.timestamp).toEqual(new Date((1_700_000_000 + 1200) * 1000));
    expect(await history.contractsCreatedBy(deployer)).toEqual(['0x3333333333333333333333333333333333333333']);
    const moves = await history.tokenTransfers(victim, 10);
    expect(moves).toEqual([
      expect.objectContaining({ block: 105, value: 300n, token: '0x3333333333333333333333333333333333333333' }),
    ]);
    expect(await history.transferBalances(token)).toEqual(
      new Map([
        ['0x0000000000000000000000000000000000000000', -1000n],
        [deployer, 700n],
        [victim, 300n],
      ]),
    );
    expect(await history.activity(deployer)).toMatchObject({ first_block: 100, last_block: 105, tx_count: 6 });
    // Liquidity events are not an explorer's: unknown.
    expect(await history.liquidityEvents(deployer)).toBeNull();
    expect(explorer.requests.every((r) => r.query.get('apikey') === 'KEY')).toBe(true);
    expect(explorer.requests.map((r) => r.query.get('action'))).toEqual(
      expect.arrayContaining(['getcontractcreation', 'txlist', 'tokentx']),
    );
    // Nothing found is an empty answer, not an unknown one.
    expect(await history.nativeTransfers('0x4444444444444444444444444444444444444444', 10)).toEqual([]);
  });

  it("adds the explorer's internal transfers (txlistinternal), leaving out failed calls and creations", async () => {
    const { history } = await resolve(behind);
    const native = await history.nativeTransfers(seller, 10);
    expect(native!.map((t) => [t.block, t.value, t.internal ?? false])).toEqual([
      [20, 3_000_000_000_000_000_000n, true],
      [25, 1_000_000_000_000_000_000n, false],
      [1_000_000, 4_000_000_000_000_000_000n, true],
    ]);
    // The funding source a dossier takes, the first inbound native transfer, is the router's payout.
    expect(native![0]).toMatchObject({
      from: getAddress(router),
      to: getAddress(seller),
      tx_hash: internalTxs[0]!.hash,
    });
    expect(native![0]!.timestamp).toEqual(new Date((1_700_000_000 + 240) * 1000));
    expect(await history.activity(seller)).toMatchObject({ first_block: 20, last_block: 1_000_000, tx_count: 3 });
    // "No transactions found" from txlistinternal too: nothing, not unknown.
    expect(await history.nativeTransfers('0x4444444444444444444444444444444444444444', 10)).toEqual([]);
    // A rate limit on either list is unknown, not a list without the payouts.
    const rateLimited = {
      status: 200,
      body: JSON.stringify({ status: '0', message: 'NOTOK', result: 'Max calls per sec rate limit reached (5/sec)' }),
      headers: { 'content-type': 'application/json' },
    };
    explorer.failNext(rateLimited);
    explorer.failNext(rateLimited);
    const asked = explorer.requests.length;
    expect(await history.nativeTransfers(seller, 10)).toBeNull();
    await bothListsAsked(asked);
  });

  it('says unknown (null), never "nothing", when the explorer refuses or fails', async () => {
    const wrongKey = await resolve(behind, 'WRONG');
    const asked = explorer.requests.length;
    expect(await wrongKey.history.nativeTransfers(deployer, 10)).toBeNull();
    await bothListsAsked(asked);
    const chain = await resolve(behind);
    explorer.failNext({
      status: 200,
      body: JSON.stringify({ status: '0', message: 'NOTOK', result: 'Max calls per sec rate limit reached (5/sec)' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(await chain.history.creatorOf(token)).toBeNull();
    explorer.failNext({ status: 400, body: 'Bad Request' });
    expect(await chain.history.activity(deployer)).toBeNull();
  });

  it('leaves the explorer alone for what the index covers', async () => {
    const chain = await resolve({});
    await chain.index.catchUp();
    const asked = explorer.requests.length;
    // An address with no activity on this chain: the caught-up index says so itself.
    expect(await chain.history.activity(victim)).toMatchObject({ tx_count: 0, first_block: null });
    expect(await chain.history.nativeTransfers(victim, 10)).toEqual([]);
    expect(explorer.requests.length).toBe(asked);
    // A contract created before the index's reach (or by another contract): the explorer still says who.
    expect(await chain.history.creatorOf(token)).toBe('0x1111111111111111111111111111111111111111');
    expect(explorer.requests.length).toBe(asked + 1);
  });

  it("on a node without trace_block, a caught-up index adds the explorer's internal transfers of the blocks it covers", async () => {
    const chains = registry({}, 'KEY', untraced);
    const { history, index, client } = await chains.resolve('devnet');
    // A transaction of the seller's on the chain, inside which (the explorer says) a contract paid it again.
    const hash = (await client.request({
      method: 'eth_sendTransaction',
      params: [{ from: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', to: seller, value: '0x1' }],
    } as never)) as Hex;
    const { blockNumber } = await client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    const paidInside = internalTx({
      blockNumber: String(blockNumber),
      hash: hash.toLowerCase(),
      from: router,
      to: seller,
      value: '2',
      traceId: '0',
    });
    explorer.data = { ...explorer.data, internalTxs: [...internalTxs, paidInside] };
    const status = await index.catchUp();
    expect(status.behind).toBe(0);
    expect(await index.tracesServed()).toBe(false);
    const asked = explorer.requests.length;
    const native = await history.nativeTransfers(seller, 10);
    // The index's own transfer, and the explorer's payouts within its reach (block 1,000,000 is not).
    expect(native!.map((t) => [t.block, t.value, t.internal ?? false])).toEqual([
      [20, 3_000_000_000_000_000_000n, true],
      [Number(blockNumber), 1n, false],
      [Number(blockNumber), 2n, true],
    ]);
    const internalAsks = explorer.requests.slice(asked).filter((r) => r.query.get('action') === 'txlistinternal');
    expect(internalAsks).toHaveLength(1);
    expect(internalAsks[0]!.query.get('startblock')).toBe('0');
    expect(internalAsks[0]!.query.get('endblock')).toBe(String(status.indexed_to));
    expect(explorer.requests.slice(asked).map((r) => r.query.get('action'))).toEqual(['txlistinternal']);
    // Activity counts the payouts too, the one inside the seller's own transaction once.
    expect(await history.activity(seller)).toMatchObject({
      first_block: 20,
      last_block: Number(blockNumber),
      tx_count: 2,
    });

    // A wallet read on such a chain: the payout, from a contract flagged as an exploit, is its funding source.
    const flags = createFlagRepository(ctx.db);
    await flags.addMissing([
      { chainId: 31337, address: router, category: 'exploit', reason: 'drained a lending pool', source: 'test' },
    ]);
    const checkToken = () => Promise.reject(new Error('the seller deployed nothing'));
    const facts = await gatherWalletFacts({ chains, flags, checkToken }, 'devnet', getAddress(seller));
    expect(analysisOf(facts).funding_source).toMatchObject({ from: getAddress(router), block: 20, value: '3' });
    expect(dossierOf(facts).evidence).toContainEqual(
      expect.objectContaining({ id: 'funded_by_flagged', tx_hash: internalTxs[0]!.hash }),
    );
  });
});
