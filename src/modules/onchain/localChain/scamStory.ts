import {
  encodeDeployData,
  getAddress,
  getContractAddress,
  keccak256,
  maxUint256,
  parseAbi,
  parseEther,
  slice,
  toHex,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { artifact, type Artifacts } from './compile.ts';

/** An address no key is known for (the last 20 bytes of a label's hash): anvil impersonates it. */
const storyAddress = (role: string): Address => getAddress(slice(keccak256(toHex(`alphanest demo: ${role}`)), 12));

const scammer = storyAddress('scammer');

/**
 * The scripted scam on the embedded chain, the same on every start: a flagged funder pays a fresh wallet,
 * which deploys a honeypot, pools it, lets three victims buy, pulls 90 % of the liquidity and pays the
 * proceeds into a flagged mixer. The funder and the mixer are the demo's flagged addresses.
 */
export const SCAM_STORY = {
  funder: storyAddress('funder'),
  scammer,
  mixer: storyAddress('mixer'),
  victims: [storyAddress('victim 1'), storyAddress('victim 2'), storyAddress('victim 3')],
  /** The scammer's first transaction deploys it. */
  token: getContractAddress({ from: scammer, nonce: 0n }),
} as const;

const tokenAbi = parseAbi([
  'function approve(address spender, uint256 amount) returns (bool)',
  'function balanceOf(address account) view returns (uint256)',
  'function pair() view returns (address)',
]);
const routerAbi = parseAbi([
  'function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable returns (uint256, uint256, uint256)',
  'function removeLiquidityETH(address token, uint256 liquidity, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) returns (uint256, uint256)',
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[])',
]);

const SUPPLY = parseEther('1000000');

interface StoryDeps {
  client: PublicClient;
  rpc: (args: { method: string; params?: unknown[] }) => Promise<unknown>;
  /** Sends a transaction from an unlocked (or impersonated) account and waits for its success. */
  send(from: Address, tx: { to?: Address; data: Hex; value?: bigint }): Promise<unknown>;
  call(
    from: Address,
    to: Address,
    abi: Abi,
    functionName: string,
    args: readonly unknown[],
    value?: bigint,
  ): Promise<unknown>;
  contracts: Artifacts;
  factory: Address;
  wrapped: Address;
  router: Address;
}

/** Plays SCAM_STORY on a seeded chain (after the demo economy, whose router and WETH it trades through). */
export async function playScamStory({ client, rpc, send, call, contracts, factory, wrapped, router }: StoryDeps) {
  const { funder, mixer, victims, token } = SCAM_STORY;
  for (const account of [funder, scammer, ...victims]) {
    await rpc({ method: 'anvil_impersonateAccount', params: [account] });
  }
  await rpc({ method: 'anvil_setBalance', params: [funder, toHex(parseEther('100'))] });
  for (const victim of victims) await rpc({ method: 'anvil_setBalance', params: [victim, toHex(parseEther('10'))] });
  const pay = (from: Address, to: Address, ether: string) => send(from, { to, data: '0x', value: parseEther(ether) });

  await pay(funder, scammer, '30');
  const honeypot = artifact(contracts, 'HoneypotToken');
  await send(scammer, {
    data: encodeDeployData({
      abi: honeypot.abi,
      bytecode: honeypot.bytecode,
      args: ['Rug Rocket', 'RUGR', SUPPLY, factory, wrapped],
    }),
  });
  const pooled = (SUPPLY * 60n) / 100n;
  await call(scammer, token, tokenAbi, 'approve', [router, pooled]);
  await call(
    scammer,
    router,
    routerAbi,
    'addLiquidityETH',
    [token, pooled, 0n, 0n, scammer, maxUint256],
    parseEther('20'),
  );
  for (const [i, victim] of victims.entries())
    await call(
      victim,
      router,
      routerAbi,
      'swapExactETHForTokens',
      [0n, [wrapped, token], victim, maxUint256],
      parseEther(['2', '3', '1.5'][i]!),
    );
  // A top-up for gas from the same funder.
  await pay(funder, scammer, '1');

  const pair = await client.readContract({ address: token, abi: tokenAbi, functionName: 'pair' });
  const lp = await client.readContract({ address: pair, abi: tokenAbi, functionName: 'balanceOf', args: [scammer] });
  const pulled = (lp * 9n) / 10n;
  await call(scammer, pair, tokenAbi, 'approve', [router, pulled]);
  await call(scammer, router, routerAbi, 'removeLiquidityETH', [token, pulled, 0n, 0n, scammer, maxUint256]);
  await pay(scammer, mixer, '30');
  for (const account of [funder, scammer, ...victims])
    await rpc({ method: 'anvil_stopImpersonatingAccount', params: [account] });
}
