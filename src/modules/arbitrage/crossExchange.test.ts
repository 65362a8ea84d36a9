import { describe, expect, it } from 'vitest';
import { allCrossTrades, crossTrade, executableSize, type VenueBook } from './crossExchange.ts';
import { fillBase, fillQuote } from './depth.ts';
import type { Level } from './marketSource.ts';

const venue = (name: string, fee: number, bids: Level[], asks: Level[]): VenueBook => ({
  venue: name,
  fee,
  book: { bids, asks, timestamp: 0 },
});

// Buy on A (asks 1 @ 100, 2 @ 101, taker 0.1 %), sell on B (bids 1.5 @ 103, 1 @ 102, taker 0.2 %).
const a = venue(
  'a',
  0.001,
  [[99, 5]],
  [
    [100, 1],
    [101, 2],
  ],
);
const b = venue(
  'b',
  0.002,
  [
    [103, 1.5],
    [102, 1],
  ],
  [[104, 5]],
);

describe('filling a book side', () => {
  it('averages the levels a base amount consumes', () => {
    expect(
      fillBase(
        [
          [100, 1],
          [101, 2],
        ],
        2,
      ),
    ).toEqual({ base: 2, quote: 201, vwap: 100.5, complete: true });
    expect(fillBase([[100, 1]], 3)).toEqual({ base: 1, quote: 100, vwap: 100, complete: false });
  });
  it('spends a quote budget on the asks', () => {
    const f = fillQuote(
      [
        [100, 1],
        [200, 1],
      ],
      250,
    );
    expect(f.base).toBeCloseTo(1.75, 12); // 1 at 100, then 150 / 200 = 0.75
    expect(f.vwap).toBeCloseTo(250 / 1.75, 9);
    expect(f.complete).toBe(true);
  });
});

describe('cross-exchange trade', () => {
  it('finds the executable size: every level pair still profitable after both fees', () => {
    // 100 × 1.001 = 100.1 < 103 × 0.998 = 102.794 → 1; 101.101 < 102.794 → 0.5 more;
    // 101.101 < 102 × 0.998 = 101.796 → 1 more; B's bids are then exhausted: 2.5.
    expect(executableSize(a.book.asks, a.fee, b.book.bids, b.fee)).toBe(2.5);
  });

  it('prices the executable size by VWAP over depth with fees on both legs', () => {
    const t = crossTrade(a, b)!;
    // Buy 1 @ 100 + 1.5 @ 101 = 251.5 (VWAP 100.6); sell 1.5 @ 103 + 1 @ 102 = 256.5 (VWAP 102.6).
    expect(t.size).toBe(2.5);
    expect(t.buyPrice).toBeCloseTo(100.6, 12);
    expect(t.sellPrice).toBeCloseTo(102.6, 12);
    expect(t.cost).toBeCloseTo(251.5 * 1.001, 9); // 251.7515
    expect(t.proceeds).toBeCloseTo(256.5 * 0.998, 9); // 255.987
    expect(t.netProfit).toBeCloseTo(4.2355, 9);
    expect(t.netProfitPct).toBeCloseTo((4.2355 / 251.7515) * 100, 9); // 1.6824 %
    expect(t.complete).toBe(true);
  });

  it('prices a requested size and says when the books are too thin for it', () => {
    const t = crossTrade(a, b, 2)!;
    // Buy 1 @ 100 + 1 @ 101 = 201; sell 1.5 @ 103 + 0.5 @ 102 = 205.5.
    expect(t.netProfit).toBeCloseTo(205.5 * 0.998 - 201 * 1.001, 9); // 3.888
    expect(t.netProfitPct).toBeCloseTo((3.888 / 201.201) * 100, 9);
    expect(t.executableSize).toBe(2.5);
    const thin = crossTrade(a, b, 10)!;
    expect(thin.size).toBe(2.5);
    expect(thin.complete).toBe(false);
  });

  it('calls a whole book bought at a profit complete, whatever order its sizes were summed in', () => {
    // Walking the books sums 0.1 + 0.2 + 0.4 = 0.7000000000000001; the asks hold 0.3 + 0.4 = 0.7.
    const buy = venue(
      'buy',
      0.001,
      [],
      [
        [100, 0.3],
        [101, 0.4],
      ],
    );
    const sell = venue(
      'sell',
      0.001,
      [
        [200, 0.1],
        [199, 0.2],
        [198, 0.4],
      ],
      [],
    );
    expect(crossTrade(buy, sell)).toMatchObject({ size: 0.7, complete: true });
  });

  it('lets fees turn a crossed market into a loss', () => {
    const cheap = venue('cheap', 0.001, [], [[100, 1]]);
    const dear = venue('dear', 0.001, [[100.25, 1]], []);
    expect(crossTrade(cheap, dear)!.netProfitPct).toBeCloseTo(((100.25 * 0.999 - 100.1) / 100.1) * 100, 9);
    const costly = { ...cheap, fee: 0.0026 };
    const t = crossTrade(costly, dear)!;
    expect(t.executableSize).toBe(0);
    expect(t.size).toBe(1); // the top of both books, to show the margin
    expect(t.netProfitPct).toBeLessThan(0);
  });

  it('considers every ordered venue pair and skips empty sides', () => {
    const trades = allCrossTrades([a, b, venue('empty', 0.001, [], [])]);
    expect(trades.map((t) => `${t.buyVenue}>${t.sellVenue}`)).toEqual(['a>b', 'b>a']);
    expect(trades[1]!.netProfitPct).toBeLessThan(0); // buying at 104 to sell at 99
  });
});
