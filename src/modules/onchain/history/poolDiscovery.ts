import { getAddress, parseAbi, zeroAddress, type Address } from 'viem';
import type { ChainClient } from '../chains/chainClient.ts';
import type { BlockBatch } from './blockReader.ts';

const pairAbi = parseAbi(['function token0() view returns (address)', 'function token1() view returns (address)']);
const factoryAbi = parseAbi(['function getPair(address, address) view returns (address)']);

/** Verdicts kept on contracts that are none of the factories' pools (other DEXes' pools emit the same events). */
const NOT_POOLS_KEPT = 50_000;

const lower = (a: string) => a.toLowerCase();

/**
 * Finds the pools of the chain's factories that were created before the index's start_block, as their Mint, Burn
 * or Swap first show up: a contract emitting them is such a pool when one configured factory's getPair(token0,
 * token1) names it (the factory's own record, so a contract merely imitating a pool's events is not taken).
 * The pools found join the batch's pairs (block unknown), so their events are kept.
 */
export function createPoolDiscovery(chain: ChainClient, known: (pairs: string[]) => Promise<Set<string>>) {
  const notPools = new Set<string>();

  return async function discover(batch: BlockBatch): Promise<void> {
    if (chain.spec.start_block === 0 || chain.spec.dexes.length === 0) return;
    const inBatch = new Set(batch.pairs.map((p) => p.pair));
    const candidates = [...new Set(batch.pairEvents.map((e) => e.pair))].filter(
      (p) => !inBatch.has(p) && !notPools.has(p),
    );
    if (!candidates.length) return;
    const stored = await known(candidates);
    const unknown = candidates.filter((p) => !stored.has(p));
    if (!unknown.length) return;
    const at = BigInt(batch.blocks.at(-1)!.number);
    const sides = await chain.readMany(
      unknown.flatMap((pair) => [
        { address: pair as Address, abi: pairAbi, functionName: 'token0' },
        { address: pair as Address, abi: pairAbi, functionName: 'token1' },
      ]),
      at,
    );
    const withSides = unknown.flatMap((pair, i) => {
      const [token0, token1] = [sides[i * 2], sides[i * 2 + 1]];
      if (token0?.status !== 'success' || token1?.status !== 'success') {
        remember(pair);
        return [];
      }
      return [{ pair, token0: token0.result as Address, token1: token1.result as Address }];
    });
    const { dexes } = chain.spec;
    const named = await chain.readMany(
      withSides.flatMap(({ token0, token1 }) =>
        dexes.map((d) => ({ address: d.factory, abi: factoryAbi, functionName: 'getPair', args: [token0, token1] })),
      ),
      at,
    );
    withSides.forEach(({ pair, token0, token1 }, i) => {
      const dex = dexes.findIndex((_, j) => {
        const answer = named[i * dexes.length + j];
        return answer?.status === 'success' && answer.result !== zeroAddress && lower(answer.result as string) === pair;
      });
      if (dex < 0) {
        remember(pair);
        return;
      }
      batch.pairs.push({
        pair,
        factory: lower(dexes[dex]!.factory),
        token0: lower(getAddress(token0)),
        token1: lower(getAddress(token1)),
        block: null,
        txHash: null,
        creator: null,
        timestamp: null,
      });
    });
  };

  function remember(pair: string) {
    // A simple bound: forgetting every verdict at once costs a few calls again, never a wrong answer.
    if (notPools.size >= NOT_POOLS_KEPT) notPools.clear();
    notPools.add(pair);
  }
}
