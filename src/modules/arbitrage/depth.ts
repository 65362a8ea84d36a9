import type { Level } from './marketSource.ts';

/** The result of walking one side of a book: how much was taken and at what average price. */
export interface Fill {
  /** Base units taken. */
  base: number;
  /** Quote units paid (asks) or received (bids), before fees. */
  quote: number;
  /** Volume-weighted average price; NaN when nothing was taken. */
  vwap: number;
  /** False when the book ran out before the request was met. */
  complete: boolean;
}

const fill = (base: number, quote: number, complete: boolean): Fill => ({
  base,
  quote,
  vwap: base > 0 ? quote / base : Number.NaN,
  complete,
});

/** Takes `amount` base units from the levels, best first (buying on asks or selling on bids). */
export function fillBase(levels: readonly Level[], amount: number): Fill {
  let base = 0;
  let quote = 0;
  for (const [price, size] of levels) {
    const take = Math.min(size, amount - base);
    base += take;
    quote += take * price;
    if (base >= amount) return fill(base, quote, true);
  }
  return fill(base, quote, false);
}

/** Spends up to `budget` quote units on the asks, best first (buying base with quote). */
export function fillQuote(asks: readonly Level[], budget: number): Fill {
  let base = 0;
  let quote = 0;
  for (const [price, size] of asks) {
    const take = Math.min(size, (budget - quote) / price);
    base += take;
    quote += take * price;
    if (quote >= budget * (1 - 1e-12)) return fill(base, budget, true);
  }
  return fill(base, quote, false);
}

/** Total base units on one side of a book. */
export const depthOf = (levels: readonly Level[]) => levels.reduce((sum, [, size]) => sum + size, 0);
