import { describe, expect, it } from 'vitest';
import { topOfBookCapacity, triangles, triangularCycles, type VenueMarket } from './triangular.ts';
import type { Level } from './marketSource.ts';

const market = (symbol: string, bids: Level[], asks: Level[], fee = 0.001): VenueMarket => {
  const [base, quote] = symbol.split('/') as [string, string];
  return { symbol, base, quote, fee, book: { bids, asks, timestamp: 0 } };
};

// USDT → BTC at 100 → ETH at 0.05 BTC → USDT at 5.2: 104 USDT per 100 before fees.
const markets = [
  market('BTC/USDT', [[99, 1]], [[100, 1]]),
  market('ETH/BTC', [[0.049, 10]], [[0.05, 10]]),
  market('ETH/USDT', [[5.2, 20]], [[5.3, 10]]),
  market('SOL/USDT', [[1, 1]], [[1.01, 1]]), // no second leg reaches back: no triangle through SOL
];

describe('triangular cycles', () => {
  it('finds both directions of each triangle and nothing else', () => {
    const paths = triangles('USDT', markets).map((route) => [route[0]!.from, ...route.map((s) => s.to)].join('>'));
    expect(paths.sort()).toEqual(['USDT>BTC>ETH>USDT', 'USDT>ETH>BTC>USDT']);
  });

  it('caps the default amount at what the top level of every leg carries', () => {
    const [route] = triangles('USDT', markets).filter((r) => r[0]!.to === 'BTC');
    // Leg 1 carries 100 USDT; leg 2 carries 0.5 BTC = 0.5 / (0.01 × 0.999) USDT; leg 3 carries 20 ETH ≈ 100.2 USDT.
    expect(topOfBookCapacity(route!)).toBeCloseTo(0.5 / (0.01 * 0.999), 9);
  });

  it('multiplies the rates with a 0.1 % fee per leg', () => {
    const [best, worst] = triangularCycles('USDT', markets);
    expect(best!.path).toEqual(['USDT', 'BTC', 'ETH', 'USDT']);
    expect(best!.netProfitPct).toBeCloseTo((0.999 ** 3 * (5.2 / 0.05 / 100) - 1) * 100, 9); // +3.6883 %
    expect(best!.legs.map((l) => [l.symbol, l.side, l.price])).toEqual([
      ['BTC/USDT', 'buy', 100],
      ['ETH/BTC', 'buy', 0.05],
      ['ETH/USDT', 'sell', 5.2],
    ]);
    expect(best!.endAmount).toBeCloseTo(best!.startAmount * (1 + best!.netProfitPct / 100), 9);
    expect(worst!.netProfitPct).toBeCloseTo((0.999 ** 3 * ((0.049 * 99) / 5.3) - 1) * 100, 9); // −8.75 %
  });

  it('reduces an amount the books cannot carry and says so', () => {
    const [best] = triangularCycles('USDT', markets, 1_000);
    expect(best!.capped).toBe(true);
    expect(best!.startAmount).toBeCloseTo(0.5 / (0.01 * 0.999), 4);
    expect(best!.netProfitPct).toBeCloseTo((0.999 ** 3 * 1.04 - 1) * 100, 4);
    const [small] = triangularCycles('USDT', markets, 10);
    expect(small!.capped).toBe(false);
    expect(small!.startAmount).toBe(10);
  });
});
