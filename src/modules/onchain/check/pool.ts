import { formatUnits, getAddress, parseAbi, zeroAddress, type Address } from 'viem';
import { formatAmount } from '../../../core/displayAmount.ts';
import type { ChainClient } from '../chains/chainClient.ts';
import type { Finding } from './findings.ts';

const factoryAbi = parseAbi(['function getPair(address, address) view returns (address)']);
const pairAbi = parseAbi([
  'function getReserves() view returns (uint112, uint112, uint32)',
  'function token0() view returns (address)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
]);

/** The burn address tokens and LP tokens are sent to when nobody should hold them. */
export const DEAD: Address = '0x000000000000000000000000000000000000dEaD';
/** Uniswap V2 mints this many LP tokens to the zero address at the first deposit: locked by design, not by choice. */
const MINIMUM_LIQUIDITY = 1000n;

export interface Pool {
  dex: string;
  pair: Address;
  tokenReserve: bigint;
  wrappedReserve: bigint;
  lpSupply: bigint;
  lpBurned: bigint;
  /** LP tokens held by the chain's known lockers, and which of them hold any. */
  lpLocked: bigint;
  lockedIn: string[];
  /** Every known locker of the chain (their LP is not anyone's to withdraw now). */
  lockers: Address[];
}

/** A DEX's pair of the token against the wrapped native coin (it may hold no reserves). */
export interface Pair {
  dex: string;
  pair: Address;
}

/** The token's pairs against the wrapped native coin, one read of each configured DEX's factory. */
export async function findPairs(chain: ChainClient, token: Address, blockNumber: bigint): Promise<Pair[]> {
  const { dexes, wrapped_native: wrapped } = chain.spec;
  const pairs = await chain.readMany(
    dexes.map((d) => ({ address: d.factory, abi: factoryAbi, functionName: 'getPair', args: [token, wrapped] })),
    blockNumber,
  );
  return dexes.flatMap((dex, i) => {
    const r = pairs[i];
    return r?.status === 'success' && r.result !== zeroAddress ? [{ dex: dex.name, pair: r.result as Address }] : [];
  });
}

/** Of the token's pairs, the deepest pool (null: none with reserves). */
export async function deepestPool(
  chain: ChainClient,
  token: Address,
  found: readonly Pair[],
  blockNumber: bigint,
): Promise<Pool | null> {
  const pools = await Promise.all(
    found.map(async ({ dex, pair }) => {
      const lockers = chain.spec.lockers;
      const [reserves, token0, lpSupply, atZero, atDead, ...atLockers] = await chain.readMany(
        [
          { address: pair, abi: pairAbi, functionName: 'getReserves' },
          { address: pair, abi: pairAbi, functionName: 'token0' },
          { address: pair, abi: pairAbi, functionName: 'totalSupply' },
          { address: pair, abi: pairAbi, functionName: 'balanceOf', args: [zeroAddress] },
          { address: pair, abi: pairAbi, functionName: 'balanceOf', args: [DEAD] },
          ...lockers.map((l) => ({ address: pair, abi: pairAbi, functionName: 'balanceOf', args: [l.address] })),
        ],
        blockNumber,
      );
      if (reserves?.status !== 'success' || token0?.status !== 'success') return null;
      const [r0, r1] = reserves.result as readonly [bigint, bigint, number];
      const tokenFirst = (token0.result as string).toLowerCase() === token.toLowerCase();
      const value = (r: typeof lpSupply) => (r?.status === 'success' ? (r.result as bigint) : 0n);
      return {
        dex,
        pair,
        tokenReserve: tokenFirst ? r0 : r1,
        wrappedReserve: tokenFirst ? r1 : r0,
        lpSupply: value(lpSupply),
        lpBurned: value(atZero) + value(atDead),
        lpLocked: atLockers.reduce((sum, r) => sum + value(r), 0n),
        lockedIn: lockers.filter((_, i) => value(atLockers[i]) > 0n).map((l) => l.name),
        lockers: lockers.map((l) => l.address),
      } satisfies Pool;
    }),
  );
  const usable = pools.filter((p): p is Pool => p !== null && p.wrappedReserve > 0n && p.tokenReserve > 0n);
  return usable.sort((a, b) => (b.wrappedReserve > a.wrappedReserve ? 1 : -1))[0] ?? null;
}

/** The largest LP holder that is not a burn address, a locker, nor the pair itself. */
function largestFreeHolder(holders: ReadonlyMap<string, bigint> | null, pool: Pool) {
  if (!holders) return null;
  const skip = new Set([zeroAddress, DEAD, pool.pair, ...pool.lockers].map((a) => a.toLowerCase()));
  let best: { address: Address; balance: bigint } | null = null;
  for (const [holder, balance] of holders)
    if (!skip.has(holder) && balance > (best?.balance ?? 0n)) best = { address: getAddress(holder), balance };
  return best;
}

export interface Liquidity {
  dex: string;
  pool: Address;
  native_reserve: number;
  token_reserve: number;
  native_symbol: string | null;
  usd: number | null;
  lp_burned_pct: number | null;
  /** LP tokens in the chain's known lockers (Unicrypt, Team Finance, PinkLock, the demo locker…). */
  lp_locked_pct: number | null;
  lp_locked_in: string[];
}

/** A quarter of what a small cap launch would pair; below it, a modest sale moves the price a lot. */
const LOW_LIQUIDITY_USD = 10_000;
/** Made once: a number format costs more to build than to use. */
const usdFormat = new Intl.NumberFormat('en-US');

export function describeLiquidity(
  pool: Pool,
  tokenDecimals: number,
  native: { symbol: string | null; priceUsd: number | null },
  /** The pool's LP balances by holder from the chain index (null: not known), to name who can withdraw. */
  lpHolders: ReadonlyMap<string, bigint> | null = null,
): { liquidity: Liquidity; findings: Finding[] } {
  const nativeReserve = Number(formatUnits(pool.wrappedReserve, 18));
  // Both sides of a constant-product pool are worth the same, so the pool holds twice its native side.
  const usd = native.priceUsd === null ? null : Math.round(nativeReserve * native.priceUsd * 2);
  const lockable = pool.lpSupply - MINIMUM_LIQUIDITY;
  const burnedPct =
    lockable > 0n
      ? Number(
          ((pool.lpBurned - MINIMUM_LIQUIDITY > 0n ? pool.lpBurned - MINIMUM_LIQUIDITY : 0n) * 10_000n) / lockable,
        ) / 100
      : null;
  const lockedPct = lockable > 0n ? Number((pool.lpLocked * 10_000n) / lockable) / 100 : null;
  const findings: Finding[] = [];
  if (usd !== null && usd < LOW_LIQUIDITY_USD)
    findings.push({
      id: 'low_liquidity',
      severity: 'medium',
      title: 'Low liquidity',
      evidence: `the ${pool.dex} pool ${pool.pair} holds about $${usdFormat.format(usd)} (${formatAmount(pool.wrappedReserve, 18)} ${native.symbol ?? 'in native coin'} and the token side)`,
    });
  if (burnedPct !== null && burnedPct + (lockedPct ?? 0) < 95) {
    const largest = largestFreeHolder(lpHolders, pool);
    findings.push({
      id: 'liquidity_unlocked',
      severity: 'medium',
      title: 'Liquidity can be withdrawn',
      evidence:
        `${burnedPct}% of the ${pool.dex} pool's LP tokens are burned and ${lockedPct ?? 0}% locked` +
        `${pool.lockedIn.length ? ` (${pool.lockedIn.join(', ')})` : ' in a known locker'}; their holders can withdraw the rest at any time` +
        (largest ? `: ${largest.address} holds ${Number((largest.balance * 10_000n) / lockable) / 100}%` : ''),
    });
  }
  return {
    liquidity: {
      dex: pool.dex,
      pool: pool.pair,
      native_reserve: nativeReserve,
      token_reserve: Number(formatUnits(pool.tokenReserve, tokenDecimals)),
      native_symbol: native.symbol,
      usd,
      lp_burned_pct: burnedPct,
      lp_locked_pct: lockedPct,
      lp_locked_in: pool.lockedIn,
    },
    findings,
  };
}
