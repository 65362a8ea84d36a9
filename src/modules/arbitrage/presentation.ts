import type { SymbolTrade } from './scanner.ts';
import type { Cycle } from './triangular.ts';
import type { VenueBook } from './crossExchange.ts';
import type { Opportunity } from './schemas.ts';

/** Eight significant digits: exact enough for any price or size, free of float noise. */
const significant = (value: number) => Number(value.toPrecision(8));
/** Percentages to 1/10 000 of a percent (0.01 basis point). */
export const percent = (value: number) => Math.round(value * 10_000) / 10_000;
const feePct = (fee: number) => percent(fee * 100);

/** `BTC/USDT` → what sizes count (BTC) and what prices are in (USDT). */
function currenciesOf(symbol: string) {
  const [base = symbol, quote = ''] = symbol.split('/');
  return { base_currency: base, quote_currency: quote };
}

export function toOpportunity(trade: SymbolTrade): Opportunity {
  return {
    symbol: trade.symbol,
    ...currenciesOf(trade.symbol),
    buy_venue: trade.buyVenue,
    buy_price: significant(trade.buyPrice),
    buy_fee_pct: feePct(trade.buyFee),
    sell_venue: trade.sellVenue,
    sell_price: significant(trade.sellPrice),
    sell_fee_pct: feePct(trade.sellFee),
    size: significant(trade.size),
    executable_size: significant(trade.executableSize),
    cost: significant(trade.cost),
    net_profit: significant(trade.netProfit),
    net_profit_pct: percent(trade.netProfitPct),
    complete: trade.complete,
  };
}

export function toCycle(cycle: Cycle) {
  return {
    path: cycle.path,
    legs: cycle.legs.map((leg) => ({
      symbol: leg.symbol,
      side: leg.side,
      price: significant(leg.price),
      fee_pct: feePct(leg.fee),
      asset_in: leg.assetIn,
      amount_in: significant(leg.amountIn),
      asset_out: leg.assetOut,
      amount_out: significant(leg.amountOut),
    })),
    start_amount: significant(cycle.startAmount),
    end_amount: significant(cycle.endAmount),
    net_profit_pct: percent(cycle.netProfitPct),
    capped: cycle.capped,
  };
}

/** Top of book per venue and the best bid and ask across venues, before and after both taker fees. */
export function spreadOf(symbol: string, books: readonly VenueBook[]) {
  const venues = books
    .filter(({ book }) => book.bids.length && book.asks.length)
    .map(({ venue, book, fee }) => {
      const [bid, bidSize] = book.bids[0]!;
      const [ask, askSize] = book.asks[0]!;
      return { venue, bid, ask, bidSize, askSize, fee, timestamp: book.timestamp };
    });
  if (!venues.length) return null;
  const bestBid = venues.reduce((a, b) => (b.bid > a.bid ? b : a));
  const bestAsk = venues.reduce((a, b) => (b.ask < a.ask ? b : a));
  const afterFees = bestBid.bid * (1 - bestBid.fee) - bestAsk.ask * (1 + bestAsk.fee);
  return {
    symbol,
    ...currenciesOf(symbol),
    as_of: new Date(Math.max(...venues.map((v) => v.timestamp))).toISOString(),
    venues: venues.map((v) => ({
      venue: v.venue,
      bid: significant(v.bid),
      ask: significant(v.ask),
      mid: significant((v.bid + v.ask) / 2),
      spread_pct: percent(((v.ask - v.bid) / ((v.bid + v.ask) / 2)) * 100),
      bid_size: significant(v.bidSize),
      ask_size: significant(v.askSize),
      taker_fee_pct: feePct(v.fee),
    })),
    best_bid: { venue: bestBid.venue, price: significant(bestBid.bid) },
    best_ask: { venue: bestAsk.venue, price: significant(bestAsk.ask) },
    cross_spread_pct: percent(((bestBid.bid - bestAsk.ask) / bestAsk.ask) * 100),
    cross_spread_after_fees_pct: percent((afterFees / (bestAsk.ask * (1 + bestAsk.fee))) * 100),
  };
}
