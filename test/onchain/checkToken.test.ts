import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import {
  createPublicClient,
  encodeDeployData,
  encodeFunctionData,
  getAddress,
  http,
  parseAbi,
  zeroAddress,
} from 'viem';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import { ModuleList } from '../../src/core/module.ts';
import { marketModule } from '../../src/modules/market/index.ts';
import { onchainModule } from '../../src/modules/onchain/index.ts';
import { createChainClient, MULTICALL3 } from '../../src/modules/onchain/chains/chainClient.ts';
import type { ConfiguredChain } from '../../src/modules/onchain/chains/chainSpec.ts';
import { createChainRegistry } from '../../src/modules/onchain/chains/chainRegistry.ts';
import { createChainIndex } from '../../src/modules/onchain/history/chainIndex.ts';
import { checkToken } from '../../src/modules/onchain/check/checkToken.ts';
import { artifact, compileContracts } from '../../src/modules/onchain/localChain/compile.ts';
import type { DemoEconomy, DemoToken } from '../../src/modules/onchain/localChain/demoEconomy.ts';
import type { LocalChain } from '../../src/modules/onchain/localChain/localChain.ts';
import { DEMO_HONEYPOT } from '../../src/modules/onchain/tools.ts';
import { createTokenRegistry, tokensModule } from '../../src/modules/tokens/index.ts';
import { toolsModule, type ToolRegistry } from '../../src/modules/tools/index.ts';
import { startFakeEtherscan } from '../fakes/etherscan.ts';
import { createTestContext } from '../support/context.ts';

/**
 * naughty_coin.check_token on a real chain: anvil from npm, the project's contracts compiled with solc from
 * npm, WETH and Uniswap V2 from the packages' artifacts, one token per scam pattern (the embedded chain's demo
 * economy). Each finding must show on its token and none on the clean one.
 */
describe('naughty_coin.check_token on the local chain', () => {
  let ctx: AppContext;
  let registry: ToolRegistry;
  let tokens: Record<DemoToken, `0x${string}`>;
  let deployer: `0x${string}`;
  let router: `0x${string}`;
  let economy: DemoEconomy;
  let rpcUrl: string;

  const call = (parameters: unknown) => registry.execute('naughty_coin.check_token', parameters, { principal: null });
  async function check(token: DemoToken) {
    const outcome = await call({ chain: 'local', address: tokens[token] });
    if (!outcome.ok) throw new Error(`${token}: ${outcome.error.code} ${outcome.error.message}`);
    return outcome.result as any;
  }
  const ids = (result: any) => result.findings.map((f: { id: string }) => f.id).sort();

  beforeAll(async () => {
    ctx = await createTestContext({ env: { TOOL_RATE_LIMIT_PER_MINUTE: '10000' } });
    const platform = await new ModuleList()
      .add(tokensModule)
      .add(marketModule)
      .add(onchainModule)
      .add(toolsModule)
      .create(ctx);
    registry = platform.tools.registry;
    // Fails naming anvil (or solc) when the local chain cannot start: never skipped.
    ({ economy, url: rpcUrl } = await platform.onchain.localChain.ready());
    tokens = economy.tokens;
    deployer = economy.deployer;
    router = economy.router;
  }, 180_000);
  afterAll(() => ctx?.close());

  it('finds nothing on the clean token, and says it trades freely', async () => {
    const clean = await check('clean');
    expect(clean.findings).toEqual([]);
    // The embedded chain has no explorer: whether its source is verified is unknown, never a finding.
    expect(clean.source_code).toEqual({ verified: null, contract_name: null, explorer: null });
    expect(clean).toMatchObject({
      chain: 'local',
      token: { name: 'Acorn', symbol: 'ACORN', decimals: 18, total_supply: '1000000' },
      level: 'safe',
      score: 0,
      simulation: { can_buy: true, can_sell: true, buy_tax_pct: 0, sell_tax_pct: 0, transfer_tax_pct: 0 },
      holders: { source: 'transfer_logs', index_behind_blocks: 0 },
      liquidity: { dex: 'uniswap-v2', native_symbol: 'ETH', lp_burned_pct: 100 },
    });
    expect(clean.simulation.buy_gas).toBeGreaterThan(30_000);
    expect(clean.simulation.sell_gas).toBeGreaterThan(30_000);
    expect(clean.holders.holder_count).toBeGreaterThanOrEqual(5);
    // The demo's wallets hold it (they were handed some and bought more).
    expect(clean.holders.top.map((h: { address: string }) => h.address)).toEqual(
      expect.arrayContaining(economy.wallets.slice(0, 5)),
    );
    expect(clean.liquidity.native_reserve).toBeGreaterThan(10);
  });

  it('sixteen checks at once all answer (their calls carry bytecode: no batch may outgrow what the node accepts)', async () => {
    const all = Object.values(tokens);
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) => call({ chain: 'local', address: all[i % all.length] })),
    );
    expect(outcomes.map((o) => (o.ok ? 'ok' : `${o.error.code}: ${o.error.message}`))).toEqual(Array(16).fill('ok'));
  });

  it('calls carrying code in the same tick never travel as one body larger than the node accepts (anvil: ~2 MB)', async () => {
    const { client } = createChainClient({ id: 31337, name: 'local', rpc_url: rpcUrl } as ConfiguredChain, {
      timeoutMs: 10_000,
      ratePerSecond: null,
    });
    // 40 calls with 60 KB of code each (a probe's size): 2.4 MB together.
    const code = `0x${'00'.repeat(30_000)}` as const;
    const calls = Array.from({ length: 40 }, (_, i) =>
      client.call({
        to: deployer,
        data: '0x',
        stateOverride: [{ address: deployer, code: `${code}${i.toString(16).padStart(2, '0')}` as const }],
      }),
    );
    expect((await Promise.allSettled(calls)).filter((c) => c.status === 'rejected')).toEqual([]);
  });

  it('the tool example is the demo honeypot', () => {
    expect(tokens.honeypot).toBe(DEMO_HONEYPOT);
  });

  it('a honeypot: buying works, selling reverts', async () => {
    const result = await check('honeypot');
    expect(ids(result)).toContain('cannot_sell');
    expect(result.level).toBe('danger');
    expect(result.simulation).toMatchObject({ can_buy: true, can_sell: false, sell_tax_pct: null });
    expect(ids(result)).toContain('ownership_not_renounced');
  });

  it('a 99 % sell tax, measured against the pool price after its own impact', async () => {
    const result = await check('sellTax');
    expect(ids(result)).toContain('high_sell_tax');
    expect(result.simulation.buy_tax_pct).toBe(0);
    expect(result.simulation.sell_tax_pct).toBeGreaterThanOrEqual(98.9);
    expect(result.simulation.sell_tax_pct).toBeLessThanOrEqual(99.1);
    expect(result.level).toBe('danger');
  });

  it.each([
    ['mintable', ['mintable'], []],
    ['blacklist', ['blacklist'], ['pausable', 'hidden_owner']],
    ['pausable', ['pausable'], ['blacklist', 'hidden_owner']],
    ['fakeRenounce', ['hidden_owner', 'tax_modifiable'], ['ownership_not_renounced']],
    ['rewardSync', ['owner_can_change_balance', 'hidden_owner'], ['ownership_not_renounced', 'mintable']],
    ['airdrop', ['blacklist', 'hidden_owner'], ['ownership_not_renounced', 'pausable']],
  ] as const)('privileges by behaviour: %s shows %j, not %j', async (token, present, absent) => {
    const result = await check(token);
    for (const id of present) expect(ids(result), `${token}: ${id}`).toContain(id);
    for (const id of absent) expect(ids(result), `${token}: not ${id}`).not.toContain(id);
    // Each privilege names the deployer that exercised it.
    const evidence = result.findings.find((f: { id: string }) => f.id === present[0]).evidence;
    expect(evidence).toContain(deployer);
  });

  it.each([
    ['fee', ['high_buy_tax', 'transfer_tax'], ['high_sell_tax']],
    ['whitelist', ['whitelist_only'], ['pausable', 'blacklist']],
    ['limit', ['max_transaction_limit', 'trading_cooldown'], ['cannot_sell']],
    ['destructible', ['selfdestruct', 'external_call'], ['upgradeable_proxy']],
  ] as const)('%s shows %j, not %j', async (token, present, absent) => {
    const result = await check(token);
    for (const id of present) expect(ids(result), `${token}: ${id}`).toContain(id);
    for (const id of absent) expect(ids(result), `${token}: not ${id}`).not.toContain(id);
  });

  it('measures a buy tax and a wallet-to-wallet tax apart from the pool price', async () => {
    const { simulation } = await check('fee');
    expect(simulation.buy_tax_pct).toBeCloseTo(20, 0);
    expect(simulation.transfer_tax_pct).toBeCloseTo(5, 0);
    expect(simulation.sell_tax_pct).toBe(0);
  });

  it('says unknown, not safe, without a pool to trade in', async () => {
    const ghost = await check('ghost');
    expect(ids(ghost)).toEqual(['no_liquidity_pool']);
    expect(ghost).toMatchObject({
      level: 'unknown',
      simulation: { can_buy: null, can_sell: null, pool: null },
      liquidity: null,
    });
  });

  it('a small pool is low liquidity', async () => {
    const tiny = await check('tinyPool');
    expect(ids(tiny)).toEqual(['low_liquidity']);
    expect(tiny.level).toBe('caution');
    expect(tiny.liquidity.usd).toBeLessThan(10_000);
  });

  it('an upgradeable proxy and who can upgrade it', async () => {
    const result = await check('proxy');
    const proxy = result.findings.find((f: { id: string }) => f.id === 'upgradeable_proxy');
    expect(proxy.evidence).toContain(`the admin ${deployer}`);
    // The proxy's own DELEGATECALL is what a proxy is; the implementation has none.
    expect(ids(result)).not.toContain('external_call');
    expect(result.simulation).toMatchObject({ can_buy: true, can_sell: true });
  });

  it('an impersonator of a well-known symbol', async () => {
    const result = await check('impersonator');
    expect(ids(result)).toEqual(['impersonation']);
    expect(result.findings[0].title).toContain('USDT');
  });

  it('95 % of the supply in one wallet', async () => {
    const result = await check('whale');
    expect(ids(result)).toEqual(['holder_concentration']);
    expect(result.holders.top[0].share_pct).toBe(95);
    expect(result.findings[0].severity).toBe('high');
  });

  it('scam tokens keep their LP tokens and much of the supply', async () => {
    const result = await check('mintable');
    expect(ids(result)).toEqual(expect.arrayContaining(['liquidity_unlocked', 'creator_concentration']));
    expect(result.holders.creator_share_pct).toBe(40);
  });

  it('liquidity in a known locker is not unlocked; what is neither burned nor locked names its holder', async () => {
    const locked = await check('lockedPool');
    expect(locked).toMatchObject({
      liquidity: { lp_burned_pct: 0, lp_locked_pct: 100, lp_locked_in: ['demo-locker'] },
    });
    expect(ids(locked)).not.toContain('liquidity_unlocked');
    const scam = await check('mintable');
    expect(scam.liquidity).toMatchObject({ lp_burned_pct: 0, lp_locked_pct: 0, lp_locked_in: [] });
    // From the pool's LP Transfer logs in the chain index: the deployer kept them all.
    expect(scam.findings.find((f: { id: string }) => f.id === 'liquidity_unlocked').evidence).toContain(
      `${deployer} holds 100%`,
    );
  });

  it('refuses what is not a token, naming the field', async () => {
    const failure = async (parameters: unknown) => {
      const outcome = await call(parameters);
      if (outcome.ok) throw new Error('no failure');
      return { status: outcome.status, code: outcome.error.code, field: outcome.error.field };
    };
    expect(await failure({ chain: 'local', address: deployer })).toMatchObject({ status: 400, field: 'address' });
    expect(await failure({ chain: 'local', address: router })).toMatchObject({ status: 400, field: 'address' });
    expect(await failure({ chain: 'local', address: 'not an address' })).toMatchObject({
      status: 400,
      field: 'address',
    });
    expect(await failure({ chain: 'ethereum', address: tokens.clean })).toMatchObject({ status: 400, field: 'chain' });
    expect(await failure({ chain: 31337, address: '0x000000000000000000000000000000000000dEaD' })).toMatchObject({
      status: 400,
      field: 'address',
    });
  });

  it('takes the chain by id as well as by name', async () => {
    const byId = await call({ chain: 31337, address: tokens.clean });
    const byDigits = await call({ chain: '31337', address: tokens.clean.toLowerCase() });
    expect(byId.ok && byDigits.ok).toBe(true);
  });

  it('compiled the contracts once, into DATA_DIR', () => {
    expect(
      readdirSync(join(ctx.config.DATA_DIR, 'onchain')).filter((f) => /^contracts-[0-9a-f]{32}\.json$/.test(f)),
    ).toHaveLength(1);
  });

  /**
   * The demo chain as a chain of CHAINS_FILE (with `extra` fields), read through an index in a database of its
   * own that has read nothing of it and may not catch up inside a question: no history at all.
   */
  async function configuredChain(extra: Record<string, unknown> = {}) {
    const file = join(ctx.config.DATA_DIR, 'chains.json');
    const dex = { name: 'uniswap-v2', kind: 'uniswap-v2', factory: economy.factory, router: economy.router };
    writeFileSync(
      file,
      JSON.stringify({
        chains: [
          { id: 31337, name: 'devnet', rpc_url: rpcUrl, wrapped_native: economy.wrapped, dexes: [dex], ...extra },
        ],
      }),
    );
    const unused: LocalChain = {
      ready: () => Promise.reject(new Error('not used')),
      stop: async () => {},
    };
    // A local node need not be spared: the rate a public RPC would get only slows the test down.
    const devnet = loadConfig({ ENV: 'testing', CHAINS_FILE: file, CHAIN_RPC_RATE_PER_SECOND: '100000' });
    const unindexed = { ...devnet, ONCHAIN_INDEXER_BATCH_BLOCKS: 1, ONCHAIN_INDEX_MAX_LAG_BLOCKS: 0 };
    const bare = await createTestContext({ backend: 'postgres' });
    onTestFinished(() => bare.close());
    const registry = () =>
      createChainRegistry(
        devnet,
        unused,
        pino({ level: 'silent' }),
        createChainIndex(bare.db, unindexed, pino({ level: 'silent' })).historyOf,
      );
    const contracts = await compileContracts(join(ctx.config.DATA_DIR, 'onchain'));
    const deps = {
      registry: createTokenRegistry(),
      probeCode: async () => artifact(contracts, 'TokenProbe').deployedBytecode,
      nativePriceUsd: async () => 3_000,
      now: () => new Date(),
    };
    return { chain: await registry().resolve('devnet'), registry, deps };
  }

  it('checks a chain from CHAINS_FILE too, saying unknown what only the history would tell', async () => {
    const { chain, registry, deps } = await configuredChain();
    // No creator and no owner() here: the deployer is still found, as the address the contract stores.
    const hidden = await checkToken(chain, tokens.rewardSync, deps);
    expect(hidden.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['owner_can_change_balance', 'hidden_owner']),
    );
    expect(hidden.findings.find((f) => f.id === 'hidden_owner')!.evidence).toContain('address stored in slot 5');
    expect(hidden.holders).toMatchObject({ source: 'balances', holder_count: null, creator_share_pct: null });
    // The answer says why: the index is that far behind.
    expect(hidden.holders!.index_behind_blocks).toBe(Number(await chain.client.getBlockNumber()) + 1);
    const honeypot = await checkToken(chain, tokens.honeypot, deps);
    expect(honeypot).toMatchObject({ chain: 'devnet', level: 'danger', simulation: { can_sell: false } });

    // Token reads went through Multicall3 (the local chain has it, as public chains do); without it, as one
    // JSON-RPC batch, with the same answers.
    const rpc = chain.client.request as unknown as (args: { method: string; params: unknown[] }) => Promise<unknown>;
    const multicall = await chain.client.getCode({ address: MULTICALL3 });
    expect(multicall?.length).toBeGreaterThan(100);
    const withMulticall = await checkToken(chain, tokens.clean, deps);
    await rpc({ method: 'anvil_setCode', params: [MULTICALL3, '0x'] });
    try {
      const fresh = await registry().resolve(31337);
      const withBatch = await checkToken(fresh, tokens.clean, deps);
      expect({ ...withBatch, checked_at: null }).toEqual({ ...withMulticall, checked_at: null });
      expect(withBatch).toMatchObject({ level: 'safe', findings: [], token: { symbol: 'ACORN' } });
    } finally {
      await rpc({ method: 'anvil_setCode', params: [MULTICALL3, multicall] });
    }
  });

  it("names an unverified source from the chain's explorer, and says unknown without one", async () => {
    const explorer = await startFakeEtherscan('KEY', { txs: [], tokenTxs: [], creations: [] });
    onTestFinished(() => explorer.close());
    explorer.data.verified = {
      [tokens.clean.toLowerCase()]: 'Acorn',
      [tokens.proxy.toLowerCase()]: 'DemoProxy',
    };
    const { chain, deps } = await configuredChain({ explorer_api_url: `${explorer.url}/api`, explorer_api_key: 'KEY' });
    // EIP-1967's implementation slot names the proxy's code.
    const word = await chain.client.getStorageAt({
      address: tokens.proxy,
      slot: '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc',
    });
    const implementation = getAddress(`0x${word!.slice(-40)}`);
    const clean = await checkToken(chain, tokens.clean, deps);
    expect(clean.source_code).toEqual({ verified: true, contract_name: 'Acorn', explorer: new URL(explorer.url).host });
    expect(clean.findings).toEqual([]);
    const honeypot = await checkToken(chain, tokens.honeypot, deps);
    expect(honeypot.source_code).toMatchObject({ verified: false, contract_name: null });
    expect(honeypot.findings.find((f) => f.id === 'unverified_source')).toEqual({
      id: 'unverified_source',
      severity: 'medium',
      title: 'Source code not verified',
      evidence: expect.stringContaining(`no verified source for the token (${tokens.honeypot})`),
    });
    // A verified proxy in front of unverified code is unverified.
    const proxied = await checkToken(chain, tokens.proxy, deps);
    expect(proxied.findings.find((f) => f.id === 'unverified_source')!.evidence).toContain(
      `its implementation ${implementation}`,
    );
    // An explorer that refuses (here a wrong API key) says nothing either way: unknown, no finding.
    const refused = await configuredChain({ explorer_api_url: `${explorer.url}/api`, explorer_api_key: 'WRONG' });
    const unanswered = await checkToken(refused.chain, tokens.clean, refused.deps);
    expect(unanswered.source_code).toEqual({ verified: null, contract_name: null, explorer: null });
    expect(unanswered.findings).toEqual([]);
  });

  it("counts LP tokens in Team Finance's and PinkLock's lockers as locked, by the chain's locker addresses", async () => {
    const client = createPublicClient({ transport: http(rpcUrl) });
    // anvil's own methods and its unlocked accounts' eth_sendTransaction are outside a public client's types.
    const rpc = (method: string, params: unknown[] = []) =>
      (client.request as unknown as (a: { method: string; params: unknown[] }) => Promise<unknown>)({ method, params });
    // Undone afterwards: the other tests read this pool with its LP tokens all in the deployer's hands.
    const snapshot = await rpc('evm_snapshot');
    onTestFinished(async () => {
      await rpc('evm_revert', [snapshot]);
    });
    const contracts = await compileContracts(join(ctx.config.DATA_DIR, 'onchain'));
    const send = async (to: `0x${string}` | undefined, data: `0x${string}`) => {
      const hash = (await rpc('eth_sendTransaction', [{ from: deployer, to, data, gas: '0x989680' }])) as `0x${string}`;
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
      expect(receipt.status).toBe('success');
      return receipt;
    };
    const deploy = async (name: string) => {
      const { abi, bytecode } = artifact(contracts, name);
      return getAddress((await send(undefined, encodeDeployData({ abi, bytecode }))).contractAddress!);
    };
    const [teamFinance, pinkLock] = [await deploy('TeamFinanceLockLike'), await deploy('PinkLockLike')];
    const pair = (await check('mintable')).liquidity.pool as `0x${string}`;
    const lpAbi = parseAbi([
      'function balanceOf(address) view returns (uint256)',
      'function approve(address, uint256) returns (bool)',
    ]);
    const lp = await client.readContract({ address: pair, abi: lpAbi, functionName: 'balanceOf', args: [deployer] });
    const unlock = BigInt(Math.floor(Date.now() / 1000) + 365 * 86_400);
    for (const locker of [teamFinance, pinkLock])
      await send(pair, encodeFunctionData({ abi: lpAbi, functionName: 'approve', args: [locker, lp] }));
    await send(
      teamFinance,
      encodeFunctionData({
        abi: parseAbi([
          'function lockToken(address, address, uint256, uint256, bool, address) payable returns (uint256)',
        ]),
        args: [pair, deployer, lp / 2n, unlock, false, zeroAddress],
      }),
    );
    await send(
      pinkLock,
      encodeFunctionData({
        abi: parseAbi(['function lock(address, address, bool, uint256, uint256, string) returns (uint256)']),
        args: [deployer, pair, true, lp - lp / 2n, unlock, 'liquidity'],
      }),
    );

    const { chain, deps } = await configuredChain({
      lockers: [
        { name: 'team-finance', address: teamFinance },
        { name: 'pinklock-v2', address: pinkLock },
      ],
    });
    const locked = await checkToken(chain, tokens.mintable, deps);
    expect(locked.liquidity).toMatchObject({ lp_locked_in: ['team-finance', 'pinklock-v2'] });
    expect(locked.liquidity!.lp_locked_pct).toBeGreaterThan(99.9);
    expect(locked.findings.map((f) => f.id)).not.toContain('liquidity_unlocked');
  });
});
