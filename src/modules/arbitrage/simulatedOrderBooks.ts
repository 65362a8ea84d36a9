import { seededRandom, unitHash } from '../../core/seededRandom.ts';
import type { SimulatedPrices } from '../market/index.ts';
import type { Level, Market, MarketSource, OrderBook } from './marketSource.ts';
import {
  SIMULATED_ASSETS,
  SIMULATED_MARKETS,
  SIMULATED_VENUES,
  type SimulatedAsset,
  type SimulatedVenue,
} from './simulatedCatalogue.ts';

/**
 * The embedded market: five venues quoting fifty markets with books of
 * realistic depth (tight near the mid, sizes growing geometrically away from
 * it), centred on the market module's price path of each asset (the price
 * `market.token_info` quotes), with a small standing basis and noise per venue
 * and now and then a dislocation, a venue's price pushed 0.3–2.5 % away for a
 * while before it closes again. Every book is a pure function of the path, the
 * seed and the tick (the clock divided by TICK_MS), so two nodes, or a test and
 * its expectation, see the same market.
 */

const TICK_MS = 1_000;
const BASIS_POINT = 1e-4;
/** Ticks a dislocation lasts, shrinking as arbitrageurs close it. */
const DISLOCATION_TICKS = 20;
const DISLOCATION_CHANCE = 0.004;
/** Each level holds this much more than the one before it… */
const LEVEL_GROWTH = 1.08;
/** …and sits this much further from the one before it, so deep books span about ±1 %. */
const GAP_GROWTH = 1.04;
/** Dislocations happen where liquidity has thinned: the venue's book holds this share of its usual size. */
const DISLOCATED_LIQUIDITY = 0.15;
export interface SimulatedMarketOptions {
  /** Seeds the venues: their basis, noise, dislocations and books. */
  seed: number;
  /** Where every asset's price comes from: the same path the market data quotes. */
  prices: SimulatedPrices;
  now?: () => number;
}

export function createSimulatedMarket(options: SimulatedMarketOptions): MarketSource {
  const { prices, now = Date.now } = options;
  const venues = new Map(SIMULATED_VENUES.map((v) => [v.id, v]));
  const markets = new Map(SIMULATED_MARKETS.map((m) => [m.symbol, m]));
  const hash = (key: string, purpose: string) => unitHash(`${options.seed}:${key}`, purpose);
  for (const { coingeckoId } of SIMULATED_ASSETS.values()) {
    if (prices.usd(coingeckoId, 0) === undefined) throw new Error(`the market has no price path for ${coingeckoId}`);
  }
  /** The asset's USD price everywhere, before any venue's own deviation (the path moves once a second, as the ticks do). */
  const priceUsd = (asset: SimulatedAsset, tick: number) => prices.usd(asset.coingeckoId, tick * TICK_MS)!;

  /**
   * The venue's own mid (a standing basis, tick noise, any dislocation in
   * progress) and how much of its usual liquidity it holds. A stablecoin pair
   * that far from par would be a depeg, not an arbitrage: pegged pairs never dislocate.
   */
  function venueState(
    venue: SimulatedVenue,
    symbol: string,
    pegged: boolean,
    tick: number,
  ): { deviation: number; liquidity: number } {
    const key = `${venue.id}:${symbol}`;
    const basis = (hash(key, 'basis') - 0.5) * 3 * BASIS_POINT;
    const noise = (hash(`${key}:${tick}`, 'noise') - 0.5) * 4 * BASIS_POINT;
    const epoch = Math.floor(tick / DISLOCATION_TICKS);
    const roll = hash(`${key}:${epoch}`, 'dislocation');
    if (roll >= DISLOCATION_CHANCE || pegged) return { deviation: basis + noise, liquidity: venue.liquidity };
    const size = 0.003 + 0.022 * (roll / DISLOCATION_CHANCE);
    const direction = hash(`${key}:${epoch}`, 'direction') < 0.5 ? -1 : 1;
    const fading = 1 - (tick - epoch * DISLOCATION_TICKS) / DISLOCATION_TICKS;
    return { deviation: basis + noise + direction * size * fading, liquidity: venue.liquidity * DISLOCATED_LIQUIDITY };
  }

  function book(venue: SimulatedVenue, market: Market, depth: number, tick: number): OrderBook {
    const base = SIMULATED_ASSETS.get(market.base)!;
    const quote = SIMULATED_ASSETS.get(market.quote)!;
    const state = venueState(venue, market.symbol, base.stable && quote.stable, tick);
    const mid = (priceUsd(base, tick) / priceUsd(quote, tick)) * (1 + state.deviation);
    const rank = Math.max(base.rank, quote.rank);
    const halfSpread = 0.5 * BASIS_POINT * (1 + rank * 0.15) * venue.spread;
    let gap = 0.8 * BASIS_POINT * (1 + rank * 0.05) * venue.spread;
    const topSize = (60_000 * 0.93 ** rank * state.liquidity) / priceUsd(base, tick);
    // Seeded per book, so a book never depends on another.
    const random = seededRandom(Math.floor(hash(`${venue.id}:${market.symbol}:${tick}`, 'book') * 2 ** 32));
    const bids: Level[] = [];
    const asks: Level[] = [];
    let offset = halfSpread;
    for (let k = 0; k < depth; k++) {
      if (k > 0) {
        offset += gap * (0.7 + 0.6 * random());
        gap *= GAP_GROWTH;
      }
      const size = topSize * LEVEL_GROWTH ** k;
      bids.push([mid * (1 - offset), size * (0.5 + random())]);
      asks.push([mid * (1 + offset), size * (0.5 + random())]);
    }
    return { bids, asks, timestamp: tick * TICK_MS };
  }

  function known(venueId: string, symbol?: string) {
    const venue = venues.get(venueId);
    if (!venue) throw new Error(`unknown venue ${venueId}`);
    const market = symbol === undefined ? undefined : markets.get(symbol);
    if (symbol !== undefined && !market) throw new Error(`${venueId} has no market ${symbol}`);
    return { venue, market: market! };
  }

  return {
    kind: 'simulated',
    venues: () => [...venues.keys()],
    async markets(venueId) {
      known(venueId);
      return SIMULATED_MARKETS.map(({ symbol, base, quote }) => ({ symbol, base, quote }));
    },
    async orderBook(venueId, symbol, depth) {
      const { venue, market } = known(venueId, symbol);
      return book(venue, market, depth, Math.floor(now() / TICK_MS));
    },
    async takerFee(venueId, symbol) {
      return known(venueId, symbol).venue.takerFee;
    },
    async close() {},
  };
}
