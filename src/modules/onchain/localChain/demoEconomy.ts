import {
  encodeDeployData,
  encodeFunctionData,
  getAddress,
  maxUint256,
  parseAbi,
  parseEther,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { MULTICALL3 } from '../chains/chainClient.ts';
import { artifact, type Artifacts } from './compile.ts';
import { playScamStory } from './scamStory.ts';
import type { UniswapArtifacts } from './uniswapArtifacts.ts';

/** The demo tokens, each showing one pattern (the clean ones show none). */
const DEMO_TOKENS = [
  'clean',
  'honeypot',
  'sellTax',
  'mintable',
  'blacklist',
  'pausable',
  'proxy',
  'fakeRenounce',
  'impersonator',
  'whale',
  'rewardSync',
  'airdrop',
  'fee',
  'whitelist',
  'limit',
  'destructible',
  'ghost',
  'tinyPool',
  'lockedPool',
] as const;
export type DemoToken = (typeof DEMO_TOKENS)[number];

export interface DemoEconomy {
  deployer: Address;
  wrapped: Address;
  factory: Address;
  router: Address;
  tokens: Record<DemoToken, Address>;
  /** Accounts that traded (the demo's wallets with history). */
  wallets: Address[];
  /** The demo liquidity locker (the chain's known locker, as Unicrypt's is on Ethereum). */
  locker: Address;
}

const erc20 = parseAbi([
  'function approve(address spender, uint256 amount) returns (bool)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function balanceOf(address account) view returns (uint256)',
  'function renounceOwnership()',
]);
const routerAbi = parseAbi([
  'function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable returns (uint256, uint256, uint256)',
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[])',
  'function swapExactTokensForETHSupportingFeeOnTransferTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
]);
const factoryAbi = parseAbi(['function getPair(address, address) view returns (address)']);
const lockerAbi = parseAbi(['function lock(address token, uint256 amount, uint256 unlockTime) returns (uint256)']);

const DEAD: Address = '0x000000000000000000000000000000000000dEaD';
const SUPPLY = parseEther('1000000');
const DEMO_GAS = `0x${(10_000_000).toString(16)}`;

/**
 * Seeds an empty anvil with a small economy: Multicall3, WETH9, the Uniswap V2 factory and router, a dozen tokens (a clean
 * one and one per scam pattern, the same contracts the tests check), a pool for each, and wallets that buy
 * and sell. Every transaction comes from the chain's unlocked development accounts, in a fixed order, so the
 * addresses are the same on every start.
 */
export async function deployDemoEconomy(
  client: PublicClient,
  contracts: Artifacts,
  uniswap: UniswapArtifacts,
): Promise<DemoEconomy> {
  // The development node's own methods (unlocked accounts, eth_sendTransaction signed by the node) are outside a public client's types.
  const rpc = client.request as unknown as (args: { method: string; params?: unknown[] }) => Promise<unknown>;
  const accounts = ((await rpc({ method: 'eth_accounts' })) as string[]).map((a) => getAddress(a));
  const [deployer, ...wallets] = accounts;
  if (!deployer || wallets.length < 9) throw new Error('the local chain has fewer than 10 unlocked accounts');

  async function send(from: Address, tx: { to?: Address; data: Hex; value?: bigint }) {
    const hash = (await rpc({
      method: 'eth_sendTransaction',
      params: [
        {
          from,
          to: tx.to,
          data: tx.data,
          value: tx.value === undefined ? undefined : `0x${tx.value.toString(16)}`,
          // A fixed limit, not the node's estimate: anvil estimates against a state the transaction before may
          // not have reached yet, and a swap then runs out of gas by a few hundred.
          gas: DEMO_GAS,
        },
      ],
    })) as Hex;
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 10, timeout: 10_000 });
    if (receipt.status !== 'success') throw new Error(`demo transaction ${hash} reverted`);
    return receipt;
  }
  async function deploy(code: { abi: Abi; bytecode: Hex }, args: readonly unknown[] = []): Promise<Address> {
    const receipt = await send(deployer!, { data: encodeDeployData({ abi: code.abi, bytecode: code.bytecode, args }) });
    const address = getAddress(receipt.contractAddress!);
    return address;
  }
  const call = (from: Address, to: Address, abi: Abi, functionName: string, args: readonly unknown[], value?: bigint) =>
    send(from, { to, data: encodeFunctionData({ abi, functionName, args }), value });

  await rpc({ method: 'anvil_setCode', params: [MULTICALL3, artifact(contracts, 'Multicall3').deployedBytecode] });
  const wrapped = await deploy(uniswap.wrapped);
  const factory = await deploy(uniswap.factory, [deployer]);
  const router = await deploy(uniswap.router, [factory, wrapped]);

  const plain = (name: string, symbol: string, contract = 'CleanToken') =>
    deploy(artifact(contracts, contract), [name, symbol, SUPPLY]);
  const paired = (name: string, symbol: string, contract: string) =>
    deploy(artifact(contracts, contract), [name, symbol, SUPPLY, factory, wrapped]);
  async function proxied(name: string, symbol: string) {
    const logic = artifact(contracts, 'ProxiedToken');
    const implementation = await deploy(logic);
    const init = encodeFunctionData({
      abi: logic.abi,
      functionName: 'initialize',
      args: [name, symbol, SUPPLY, deployer],
    });
    return deploy(artifact(contracts, 'DemoProxy'), [implementation, init]);
  }

  const tokens: Omit<Record<DemoToken, Address>, 'lockedPool'> = {
    clean: await plain('Acorn', 'ACORN'),
    honeypot: await paired('Moon Rocket', 'MOONR', 'HoneypotToken'),
    sellTax: await paired('Tax Cat', 'TCAT', 'SellTaxToken'),
    mintable: await plain('Print Money', 'PRINT', 'MintableToken'),
    blacklist: await plain('Frost', 'FROST', 'BlacklistToken'),
    pausable: await plain('Pause Dog', 'PDOG', 'PausableToken'),
    proxy: await proxied('Shape Shift', 'SHIFT'),
    fakeRenounce: await paired('Safe Renounced', 'SAFU', 'FakeRenounceToken'),
    impersonator: await plain('Tether USD', 'USDT'),
    whale: await plain('Whale Coin', 'WHALE'),
    rewardSync: await plain('Reward Sync', 'RSYNC', 'RewardSyncToken'),
    airdrop: await plain('Airdrop Fi', 'ADROP', 'AirdropToken'),
    fee: await paired('Fee Frog', 'FFROG', 'FeeToken'),
    whitelist: await plain('Gate Keeper', 'GATE', 'WhitelistToken'),
    limit: await paired('Speed Limit', 'LIMIT', 'LimitToken'),
    destructible: await plain('Dynamite', 'BOOM', 'DestructibleToken'),
    ghost: await plain('Ghost', 'GHOST'),
    tinyPool: await plain('Tiny Pool', 'TINY'),
  };

  async function pool(token: Address, tokenAmount: bigint, ether: bigint, burnLp: boolean) {
    await call(deployer!, token, erc20, 'approve', [router, tokenAmount]);
    await call(
      deployer!,
      router,
      routerAbi,
      'addLiquidityETH',
      [token, tokenAmount, 0n, 0n, deployer, maxUint256],
      ether,
    );
    if (!burnLp) return;
    const pair = await client.readContract({
      address: factory,
      abi: factoryAbi,
      functionName: 'getPair',
      args: [token, wrapped],
    });
    const lp = await client.readContract({ address: pair, abi: erc20, functionName: 'balanceOf', args: [deployer!] });
    await call(deployer!, pair, erc20, 'transfer', [DEAD, lp]);
  }
  /** 80 % in a pool whose LP tokens are burned, 4 % to each of five wallets: nothing to find (but a small pool). */
  async function fairLaunch(token: Address, ether = parseEther('20')) {
    await pool(token, (SUPPLY * 80n) / 100n, ether, true);
    for (const wallet of wallets.slice(0, 5)) await call(deployer!, token, erc20, 'transfer', [wallet, SUPPLY / 25n]);
  }

  await fairLaunch(tokens.clean);
  await fairLaunch(tokens.impersonator);
  await fairLaunch(tokens.tinyPool, parseEther('0.5'));
  // The ghost has no pool at all: its deployer hands it all out, a ninth to each wallet.
  for (const wallet of wallets.slice(0, 9))
    await call(deployer, tokens.ghost, erc20, 'transfer', [wallet, SUPPLY / 9n]);
  // 5 % in the pool, 95 % in one wallet.
  await pool(tokens.whale, SUPPLY / 20n, parseEther('10'), true);
  await call(deployer, tokens.whale, erc20, 'transfer', [wallets[5]!, (SUPPLY * 95n) / 100n]);
  // The scams keep their LP tokens and 40 % of the supply with the deployer.
  for (const name of DEMO_TOKENS)
    if (name !== 'lockedPool' && !['clean', 'impersonator', 'whale', 'ghost', 'tinyPool'].includes(name))
      await pool(tokens[name], (SUPPLY * 60n) / 100n, parseEther('10'), false);
  await call(deployer, tokens.fakeRenounce, erc20, 'renounceOwnership', []);

  // Wallets with history: everyone buys the clean token, two buy the honeypot, one sells half its clean tokens.
  const buy = (wallet: Address, token: Address, ether: bigint) =>
    call(wallet, router, routerAbi, 'swapExactETHForTokens', [0n, [wrapped, token], wallet, maxUint256], ether);
  for (const wallet of wallets.slice(0, 5)) await buy(wallet, tokens.clean, parseEther('1'));
  await buy(wallets[1]!, tokens.honeypot, parseEther('2'));
  await buy(wallets[2]!, tokens.honeypot, parseEther('3'));
  const seller = wallets[0]!;
  const held = await client.readContract({
    address: tokens.clean,
    abi: erc20,
    functionName: 'balanceOf',
    args: [seller],
  });
  await call(seller, tokens.clean, erc20, 'approve', [router, held / 2n]);
  await call(seller, router, routerAbi, 'swapExactTokensForETHSupportingFeeOnTransferTokens', [
    held / 2n,
    0n,
    [tokens.clean, wrapped],
    seller,
    maxUint256,
  ]);

  await playScamStory({ client, rpc, send, call, contracts, factory, wrapped, router });
  // Last, so every address above stays the same: a clean token whose LP tokens sit in the demo locker for a
  // year (liquidity locked rather than burned).
  const locker = await deploy(artifact(contracts, 'DemoLocker'));
  const lockedPool = await plain('Vault Lock', 'VLOCK');
  await pool(lockedPool, (SUPPLY * 80n) / 100n, parseEther('20'), false);
  const lockedPair = await client.readContract({
    address: factory,
    abi: factoryAbi,
    functionName: 'getPair',
    args: [lockedPool, wrapped],
  });
  const lp = await client.readContract({
    address: lockedPair,
    abi: erc20,
    functionName: 'balanceOf',
    args: [deployer],
  });
  await call(deployer, lockedPair, erc20, 'approve', [locker, lp]);
  const { timestamp } = await client.getBlock();
  await call(deployer, locker, lockerAbi, 'lock', [lockedPair, lp, timestamp + 365n * 86_400n]);

  return {
    deployer,
    wrapped,
    factory,
    router,
    tokens: { ...tokens, lockedPool },
    wallets: wallets.slice(0, 6),
    locker,
  };
}
