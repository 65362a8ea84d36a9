import { unitHash } from '../../core/seededRandom.ts';
import type { TokenRecord } from '../tokens/index.ts';
import { REFERENCE_PRICES_USD, TRACKED_ASSET_BY_SYMBOL, USD_STABLECOINS } from './referencePrices.ts';

/**
 * The deterministic market behind `MARKET_DATA=embedded`: every number is a
 * pure function of the token and the minute, so demos, tests and replicas
 * agree without a network. Prices wander as a sum of slow sines (periods that
 * are not whole days, so the 24 h change is never trivially zero).
 */

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;
const YEAR_MS = 365.25 * DAY_MINUTES * MINUTE_MS;
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
  basePrice: number;
  baseMarketCap: number;
  /** Amplitude of the log-price wander; seeded by the key alone so a wrapped token moves with its asset. */
  volatility: number;
  /** Daily volume as a share of market cap. */
  turnover: number;
  /** Holder count at HOLDERS_EPOCH; null for native coins, whose holders no contract counts. */
  baseHolders: number | null;
}

export function simulatedAsset(token: TokenRecord): SimulatedAsset {
  const key = token.coingeckoId ?? TRACKED_ASSET_BY_SYMBOL[token.symbol] ?? `symbol:${token.symbol}`;
  const u = (purpose: string) => unitHash(key, purpose);
  // Unranked tokens are the long tail: somewhere past the top 300.
  const rank = token.rank ?? 300 + Math.floor(u('rank') * 2700);
  const stable = USD_STABLECOINS.has(token.symbol);
  const reference = REFERENCE_PRICES_USD[key];
  const basePrice = stable ? 1 : (reference ?? 10 ** (2 - 1.2 * Math.log10(rank) + (u('price') - 0.5) * 4));
  return {
    key,
    stable,
    basePrice,
    baseMarketCap: 1.8e12 * rank ** -1.6,
    volatility: stable ? 0.0008 : (reference === undefined ? 0.04 : 0.02) * (1 + u('volatility')),
    turnover: stable ? 0.15 + 0.3 * u('turnover') : 0.02 + 0.13 * u('turnover'),
    baseHolders: token.address === null ? null : Math.round(10 ** (7 - Math.log10(rank) + (u('holders') - 0.5) * 0.8)),
  };
}

/** Sum of the waves at `minute`, seeded per asset; roughly within ±5. */
function wander(asset: SimulatedAsset, minute: number, purpose: string): number {
  let sum = 0;
  for (const [i, [hours, weight]] of WAVES.entries()) {
    const phase = 2 * Math.PI * unitHash(asset.key, `${purpose}${i}`);
    sum += weight * Math.sin((2 * Math.PI * minute) / (hours * HOUR_MINUTES) + phase);
  }
  return sum;
}

export const quoteMinute = (at: Date) => Math.floor(at.getTime() / MINUTE_MS);

function simulatedPrice(asset: SimulatedAsset, minute: number): number {
  return asset.basePrice * Math.exp(asset.volatility * wander(asset, minute, 'price'));
}

export interface SimulatedQuote {
  price: number;
  change24hPct: number;
  marketCap: number;
  volume24h: number;
  holders: number | null;
}

export function simulatedQuote(asset: SimulatedAsset, minute: number): SimulatedQuote {
  const price = simulatedPrice(asset, minute);
  const dayAgo = simulatedPrice(asset, minute - DAY_MINUTES);
  const marketCap = asset.baseMarketCap * (price / asset.basePrice);
  const years = (minute * MINUTE_MS - HOLDERS_EPOCH_MS) / YEAR_MS;
  return {
    price,
    change24hPct: (price / dayAgo - 1) * 100,
    marketCap,
    volume24h: marketCap * asset.turnover * (1 + 0.05 * wander(asset, minute, 'volume')),
    // Holder bases grow about 10 % a year.
    holders: asset.baseHolders === null ? null : Math.round(asset.baseHolders * Math.exp(0.1 * years)),
  };
}
