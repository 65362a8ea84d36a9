import { unitHash } from '../../core/seededRandom.ts';
import type { TokenRecord } from '../tokens/index.ts';
import { LISTED_ASSETS, REFERENCE_PRICES_USD, TRACKED_ASSET_BY_SYMBOL, USD_STABLECOINS } from './referencePrices.ts';

/**
 * The deterministic market behind `MARKET_DATA=embedded` and the simulated
 * exchanges: every number is a pure function of the token and the second, so
 * demos, tests, replicas and the arbitrage venues agree without a network.
 * Prices wander as a sum of slow sines (periods that are not whole days, so
 * the 24 h change is never trivially zero).
 */

/** The path moves once a second: surfaces reading the same second quote the same price. */
const STEP_MS = 1_000;
const HOUR_STEPS = 3_600;
const DAY_MS = 24 * HOUR_STEPS * STEP_MS;
const YEAR_MS = 365.25 * DAY_MS;
const HOLDERS_EPOCH_MS = Date.UTC(2025, 0, 1);

/** [period in hours, weight]: the slowest waves carry most of the movement, as in real markets. */
const WAVES: ReadonlyArray<readonly [number, number]> = [
  [2.7, 0.1],
  [9.1, 0.25],
  [22.3, 0.45],
  [61, 0.7],
  [173, 1],
  [541, 1.4],
  [1409, 1.8],
];

export interface SimulatedAsset {
  /** What the simulation is seeded by: deployments of one asset on several chains share it. */
  key: string;
  stable: boolean;
  /** Priced from a reference (or pegged), not guessed from a seeded rank. */
  anchored: boolean;
  basePrice: number;
  baseMarketCap: number;
  /** Amplitude of the log-price wander; seeded by the key alone so a wrapped token moves with its asset. */
  volatility: number;
  /** Daily volume as a share of market cap. */
  turnover: number;
  /** Holder count at HOLDERS_EPOCH; null for native coins, whose holders no contract counts. */
  baseHolders: number | null;
  /** The waves' phases (seeded by the key), worked out once: books read the path many times a second. */
  pricePhases: readonly number[];
  volumePhases: readonly number[];
}

export function simulatedAsset(token: TokenRecord): SimulatedAsset {
  const listed = token.coingeckoId === undefined ? LISTED_ASSETS[token.symbol] : undefined;
  const known = listed?.name === token.name ? listed : undefined;
  const key =
    token.coingeckoId ?? known?.coingeckoId ?? TRACKED_ASSET_BY_SYMBOL[token.symbol] ?? `symbol:${token.symbol}`;
  const u = (purpose: string) => unitHash(key, purpose);
  // Unranked tokens are the long tail: somewhere past the top 300.
  const rank = token.rank ?? known?.rank ?? 300 + Math.floor(u('rank') * 2700);
  const stable = USD_STABLECOINS.has(token.symbol);
  const reference = REFERENCE_PRICES_USD[key];
  // Without a reference, a long-tail price between a cent and ten dollars, where most small caps trade.
  const basePrice = stable ? 1 : (reference ?? 10 ** (3 * u('price') - 2));
  const phases = (purpose: string) => WAVES.map((_, i) => 2 * Math.PI * u(`${purpose}${i}`));
  return {
    key,
    stable,
    anchored: stable || reference !== undefined,
    basePrice,
    baseMarketCap: 1.8e12 * rank ** -1.6,
    // A pegged token stays within about 0.06 % of a dollar, so prices in USD and in USDT agree as closely.
    volatility: stable ? 0.0001 : (reference === undefined ? 0.04 : 0.02) * (1 + u('volatility')),
    turnover: stable ? 0.15 + 0.3 * u('turnover') : 0.02 + 0.13 * u('turnover'),
    baseHolders: token.address === null ? null : Math.round(10 ** (7 - Math.log10(rank) + (u('holders') - 0.5) * 0.8)),
    pricePhases: phases('price'),
    volumePhases: phases('volume'),
  };
}

/** Sum of the waves at `step`; roughly within ±5. */
function wander(phases: readonly number[], step: number): number {
  let sum = 0;
  for (const [i, [hours, weight]] of WAVES.entries()) {
    sum += weight * Math.sin((2 * Math.PI * step) / (hours * HOUR_STEPS) + phases[i]!);
  }
  return sum;
}

const pathStep = (at: number) => Math.floor(at / STEP_MS);

/** The start (epoch ms) of the second `at` falls in: the path holds one price through each second. */
export const pathInstant = (at: number) => pathStep(at) * STEP_MS;

/**
 * Each asset's price at the step last read: a simulated book reads its pair's path three times, each venue's
 * book again, all within the second the path holds one price. (A quote reads now and a day ago, so it finds
 * the other step here; the books are what read the path many times a second.)
 */
const lastRead = new WeakMap<SimulatedAsset, { step: number; price: number }>();

/** The asset's USD price at `at` (epoch ms). */
export function simulatedPrice(asset: SimulatedAsset, at: number): number {
  const step = pathStep(at);
  const last = lastRead.get(asset);
  if (last?.step === step) return last.price;
  const price = asset.basePrice * Math.exp(asset.volatility * wander(asset.pricePhases, step));
  lastRead.set(asset, { step, price });
  return price;
}

export interface SimulatedQuote {
  price: number;
  change24hPct: number;
  marketCap: number;
  volume24h: number;
  holders: number | null;
}

export function simulatedQuote(asset: SimulatedAsset, at: number): SimulatedQuote {
  const price = simulatedPrice(asset, at);
  const dayAgo = simulatedPrice(asset, at - DAY_MS);
  const marketCap = asset.baseMarketCap * (price / asset.basePrice);
  const years = (pathInstant(at) - HOLDERS_EPOCH_MS) / YEAR_MS;
  return {
    price,
    change24hPct: (price / dayAgo - 1) * 100,
    marketCap,
    volume24h: marketCap * asset.turnover * (1 + 0.05 * wander(asset.volumePhases, pathStep(at))),
    // Holder bases grow about 10 % a year.
    holders: asset.baseHolders === null ? null : Math.round(asset.baseHolders * Math.exp(0.1 * years)),
  };
}
