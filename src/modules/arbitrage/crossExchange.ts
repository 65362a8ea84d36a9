import type { Level, OrderBook } from './marketSource.ts';
import { depthOf, fillBase } from './depth.ts';

/** One side of a cross-exchange trade: a venue's book and its taker fee (a fraction). */
export interface VenueBook {
  venue: string;
  book: OrderBook;
  fee: number;
}

/** Buying on one venue's asks and selling the same amount into another venue's bids, both as a taker. */
export interface CrossTrade {
  buyVenue: string;
  sellVenue: string;
  buyFee: number;
  sellFee: number;
  /** Base units traded: the requested size, or the executable size when none was requested. */
  size: number;
  /** Volume-weighted prices over the depth the size consumes. */
  buyPrice: number;
  sellPrice: number;
  /** Quote paid for the buy leg including its fee. */
  cost: number;
  /** Quote received from the sell leg after its fee. */
  proceeds: number;
  netProfit: number;
  netProfitPct: number;
  /** The largest size whose every unit is still bought and sold at a profit after fees. */
  executableSize: number;
  /** False when the books were too thin for the requested size (size is then what they hold). */
  complete: boolean;
  /** Epoch milliseconds of the older of the two books. */
  timestamp: number;
}

/**
 * Walks the buy venue's asks up and the sell venue's bids down together while
 * the next unit still sells for more than it costs, fees included on both legs.
 */
export function executableSize(
  asks: readonly Level[],
  buyFee: number,
  bids: readonly Level[],
  sellFee: number,
): number {
  let size = 0;
  let i = 0;
  let j = 0;
  let askLeft = asks[0]?.[1] ?? 0;
  let bidLeft = bids[0]?.[1] ?? 0;
  while (i < asks.length && j < bids.length && asks[i]![0] * (1 + buyFee) < bids[j]![0] * (1 - sellFee)) {
    const take = Math.min(askLeft, bidLeft);
    size += take;
    askLeft -= take;
    bidLeft -= take;
    if (askLeft <= 0) askLeft = asks[++i]?.[1] ?? 0;
    if (bidLeft <= 0) bidLeft = bids[++j]?.[1] ?? 0;
  }
  return size;
}

/**
 * The trade of `size` base units (default: the executable size, or the top of
 * both books when nothing is profitable, so the loss is priced rather than empty).
 * Null when either book side is empty.
 */
export function crossTrade(buy: VenueBook, sell: VenueBook, size?: number): CrossTrade | null {
  const { asks } = buy.book;
  const { bids } = sell.book;
  if (!asks.length || !bids.length) return null;
  const executable = executableSize(asks, buy.fee, bids, sell.fee);
  const wanted = size ?? (executable > 0 ? executable : Math.min(asks[0]![1], bids[0]![1]));
  const tradable = Math.min(wanted, depthOf(asks), depthOf(bids));
  const bought = fillBase(asks, tradable);
  const sold = fillBase(bids, tradable);
  const cost = bought.quote * (1 + buy.fee);
  const proceeds = sold.quote * (1 - sell.fee);
  return {
    buyVenue: buy.venue,
    sellVenue: sell.venue,
    buyFee: buy.fee,
    sellFee: sell.fee,
    size: tradable,
    buyPrice: bought.vwap,
    sellPrice: sold.vwap,
    cost,
    proceeds,
    netProfit: proceeds - cost,
    netProfitPct: cost > 0 ? ((proceeds - cost) / cost) * 100 : 0,
    executableSize: executable,
    // The executable size is what walking the books found, so only a requested size can exceed them
    // (comparing sums taken in a different order would call a whole-book size incomplete by a rounding error).
    complete: size === undefined || tradable >= size,
    timestamp: Math.min(buy.book.timestamp, sell.book.timestamp),
  };
}

/** Every ordered pair of distinct venues quoting the symbol: buy on one, sell on the other. */
export function allCrossTrades(books: readonly VenueBook[], size?: number): CrossTrade[] {
  const trades: CrossTrade[] = [];
  for (const buy of books) {
    for (const sell of books) {
      if (buy.venue === sell.venue) continue;
      const trade = crossTrade(buy, sell, size);
      if (trade) trades.push(trade);
    }
  }
  return trades;
}
