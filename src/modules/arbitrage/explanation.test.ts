import { describe, expect, it } from 'vitest';
import { allCrossTrades, type VenueBook } from './crossExchange.ts';
import { explainShortfall, type ShortfallQuestion } from './explanation.ts';
import type { Level } from './marketSource.ts';

const venue = (name: string, fee: number, bids: Level[], asks: Level[]): VenueBook => ({
  venue: name,
  fee,
  book: { bids, asks, timestamp: 0 },
});
const AS_OF = '2026-03-01T00:05:20.000Z';

/** Every venue pair of BTC/USDT over the books, priced as the tools price them. */
function explain(books: VenueBook[], question: Partial<ShortfallQuestion> = {}) {
  const trades = allCrossTrades(books, question.size).map((t) => ({ ...t, symbol: 'BTC/USDT' }));
  return explainShortfall(trades, { minProfitPct: 0.5, scope: 'on BTC/USDT', ...question }, AS_OF);
}

describe('why no opportunity passes', () => {
  it('says when there is no second venue to trade against', () => {
    const only = explain([venue('binance', 0.001, [[99, 1]], [[100, 1]])]);
    expect(only).toEqual({
      reason: 'no_second_venue',
      message: 'No trade on BTC/USDT: fewer than two venues returned a book, and a cross-exchange trade needs two.',
      as_of: AS_OF,
      best_candidate: null,
    });
  });

  it('says when no venue bids above another’s ask, with the closest pair', () => {
    const answer = explain([venue('a', 0.001, [[99.9, 1]], [[100.1, 1]]), venue('b', 0.002, [[100, 1]], [[100.2, 1]])]);
    expect(answer.reason).toBe('no_price_gap');
    // Buying at a's 100.1 and selling into b's 100 is the closest: −0.0999 % before fees.
    expect(answer.best_candidate).toMatchObject({
      buy_venue: 'a',
      sell_venue: 'b',
      base_currency: 'BTC',
      quote_currency: 'USDT',
      gross_spread_pct: -0.0999,
      fees_pct: 0.3,
    });
    expect(answer.message).toBe(
      "No trade on BTC/USDT nets 0.5 % or more after taker fees: no venue bids above another's ask. " +
        'Closest: buy BTC on a at 100.1 USDT, sell on b at 100 USDT, -0.0999 % before fees, -0.3993 % after the taker fees (0.1 % + 0.2 %).',
    );
  });

  it('says when the fees eat the gap', () => {
    const answer = explain([venue('a', 0.001, [[99, 1]], [[100, 1]]), venue('b', 0.001, [[100.1, 1]], [[101, 1]])]);
    expect(answer.reason).toBe('fees');
    expect(answer.best_candidate).toMatchObject({
      buy_venue: 'a',
      sell_venue: 'b',
      gross_spread_pct: 0.1,
      fees_pct: 0.2,
    });
    expect(answer.best_candidate!.net_profit_pct).toBeCloseTo(((100.1 * 0.999 - 100.1) / 100.1) * 100, 3);
    expect(answer.message).toContain('the fees eat the gap');
    expect(answer.message).toContain('+0.1 % before fees');
  });

  it('says when the best trade is profitable but below the minimum asked', () => {
    const answer = explain([venue('a', 0.001, [[99, 1]], [[100, 1]]), venue('b', 0.001, [[100.6, 2]], [[101, 1]])], {
      minProfitPct: 1,
    });
    expect(answer.reason).toBe('below_min_profit');
    expect(answer.best_candidate).toMatchObject({ size: 1, executable_size: 1, complete: true });
    expect(answer.message).toBe(
      'No trade on BTC/USDT nets 1 % or more after taker fees. ' +
        'Best: buy BTC on a at 100 USDT, sell on b at 100.6 USDT, +0.399 % after fees on 1 BTC (cost 100.1 USDT).',
    );
  });

  it('says when the asked size walks the books past the profitable levels, or past their depth', () => {
    const books = [
      venue(
        'a',
        0.001,
        [[98, 5]],
        [
          [100, 1],
          [102, 5],
        ],
      ),
      venue(
        'b',
        0.001,
        [
          [101, 1],
          [99, 5],
        ],
        [[103, 5]],
      ),
    ];
    const deep = explain(books, { size: 3 });
    expect(deep.reason).toBe('depth');
    expect(deep.best_candidate).toMatchObject({ buy_venue: 'a', sell_venue: 'b', size: 3, executable_size: 1 });
    expect(deep.message).toContain(
      'at 3 BTC: buy BTC on a at 101.33333 USDT, sell on b at 99.666667 USDT stays profitable only up to 1 BTC',
    );
    const beyond = explain(books, { size: 100 });
    expect(beyond.reason).toBe('depth');
    expect(beyond.message).toContain('the books hold only 6 BTC');
  });
});
