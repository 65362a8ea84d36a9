import type { Market, OrderBook } from './marketSource.ts';
import { fillBase, fillQuote } from './depth.ts';

/** A market of one venue with its book and taker fee (a fraction). */
export interface VenueMarket extends Market {
  book: OrderBook;
  fee: number;
}

/** One conversion of a cycle: buying the base with the quote (asks) or selling the base for the quote (bids). */
interface Step {
  market: VenueMarket;
  side: 'buy' | 'sell';
  from: string;
  to: string;
}

interface CycleLeg {
  symbol: string;
  side: 'buy' | 'sell';
  /** Volume-weighted price of the leg over the depth it consumed. */
  price: number;
  fee: number;
  /** What the leg spends (its market's quote when buying, its base when selling) and what it receives. */
  assetIn: string;
  amountIn: number;
  assetOut: string;
  amountOut: number;
}

export interface Cycle {
  /** Assets in order, starting and ending with the start asset. */
  path: string[];
  legs: CycleLeg[];
  startAmount: number;
  endAmount: number;
  netProfitPct: number;
  /** True when the requested amount was more than the books hold and was reduced to fit. */
  capped: boolean;
}

function stepsFrom(asset: string, markets: readonly VenueMarket[]): Step[] {
  const steps: Step[] = [];
  for (const market of markets) {
    if (market.quote === asset && market.book.asks.length)
      steps.push({ market, side: 'buy', from: asset, to: market.base });
    if (market.base === asset && market.book.bids.length)
      steps.push({ market, side: 'sell', from: asset, to: market.quote });
  }
  return steps;
}

/** Every start → X → Y → start route through three distinct markets. */
export function triangles(start: string, markets: readonly VenueMarket[]): Step[][] {
  const routes: Step[][] = [];
  for (const first of stepsFrom(start, markets)) {
    for (const second of stepsFrom(first.to, markets)) {
      if (second.to === start || second.market === first.market) continue;
      for (const third of stepsFrom(second.to, markets)) {
        if (third.to === start && third.market !== first.market && third.market !== second.market)
          routes.push([first, second, third]);
      }
    }
  }
  return routes;
}

/** Converts through one step, walking the book; the fee is taken from what is received. */
function convert(step: Step, amount: number): CycleLeg & { complete: boolean } {
  const { market, side } = step;
  const filled = side === 'buy' ? fillQuote(market.book.asks, amount) : fillBase(market.book.bids, amount);
  const received = side === 'buy' ? filled.base : filled.quote;
  return {
    symbol: market.symbol,
    side,
    price: filled.vwap,
    fee: market.fee,
    assetIn: step.from,
    amountIn: side === 'buy' ? filled.quote : filled.base,
    assetOut: step.to,
    amountOut: received * (1 - market.fee),
    complete: filled.complete,
  };
}

/**
 * How much of the start asset the top level of every leg can carry: beyond it
 * the cycle walks into worse prices. Each leg's capacity is converted back to
 * start units through the top-of-book rates of the legs before it.
 */
export function topOfBookCapacity(route: readonly Step[]): number {
  let capacity = Number.POSITIVE_INFINITY;
  let startUnitsPerInput = 1;
  for (const { market, side } of route) {
    const [price, size] = side === 'buy' ? market.book.asks[0]! : market.book.bids[0]!;
    const inputCapacity = side === 'buy' ? price * size : size;
    capacity = Math.min(capacity, inputCapacity * startUnitsPerInput);
    const rate = (side === 'buy' ? 1 / price : price) * (1 - market.fee);
    startUnitsPerInput /= rate;
  }
  return capacity;
}

function run(route: readonly Step[], startAmount: number): Cycle & { complete: boolean } {
  const legs: CycleLeg[] = [];
  let held = startAmount;
  let complete = true;
  for (const step of route) {
    const { complete: filled, ...leg } = convert(step, held);
    complete &&= filled;
    legs.push(leg);
    held = leg.amountOut;
  }
  return {
    path: [route[0]!.from, ...route.map((s) => s.to)],
    legs,
    startAmount,
    endAmount: held,
    netProfitPct: startAmount > 0 ? (held / startAmount - 1) * 100 : 0,
    capped: false,
    complete,
  };
}

/** The largest amount every leg's book can carry in full (bisection: the cycle is monotonic in the amount). */
function largestComplete(route: readonly Step[], tooMuch: number) {
  let low = 0;
  let high = tooMuch;
  for (let i = 0; i < 60 && high - low > high * 1e-9; i++) {
    const middle = (low + high) / 2;
    if (run(route, middle).complete) low = middle;
    else high = middle;
  }
  return { ...run(route, low), capped: true };
}

/**
 * Runs `amount` of the start asset (default: the top-of-book capacity) around
 * the route. An amount the books cannot carry is reduced to what they can, and
 * the cycle says so, so the return is never that of a half-converted amount.
 */
function runCycle(route: readonly Step[], amount?: number): Cycle {
  const attempt = run(route, amount ?? topOfBookCapacity(route));
  const { complete: _, ...cycle } = attempt.complete ? attempt : largestComplete(route, attempt.startAmount);
  return cycle;
}

/** Every triangular cycle from `start` on one venue, best first. */
export function triangularCycles(start: string, markets: readonly VenueMarket[], amount?: number): Cycle[] {
  return triangles(start, markets)
    .map((route) => runCycle(route, amount))
    .sort((x, y) => y.netProfitPct - x.netProfitPct);
}
