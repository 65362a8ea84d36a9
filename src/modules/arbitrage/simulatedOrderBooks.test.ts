import { describe, expect, it } from 'vitest';
import { createSimulatedPrices } from '../market/index.ts';
import { createTokenRegistry } from '../tokens/index.ts';
import { createSimulatedMarket } from './simulatedOrderBooks.ts';
import { createScanner } from './scanner.ts';
import { crossTrade } from './crossExchange.ts';

const T = Date.parse('2026-03-01T00:05:20Z'); // seed 42: binance's ETH/USDT is dislocated at this second
const prices = createSimulatedPrices(createTokenRegistry());
const at = (time: number, seed = 42) => createSimulatedMarket({ seed, prices, now: () => time });

describe('simulated market', () => {
  it('lists five venues with distinct taker fees and fifty markets on each', async () => {
    const market = at(T);
    expect(market.venues()).toEqual(['binance', 'okx', 'bybit', 'coinbase', 'kraken']);
    const fees = await Promise.all(market.venues().map((v) => market.takerFee(v, 'BTC/USDT')));
    expect(new Set(fees).size).toBe(5);
    expect(Math.min(...fees)).toBe(0.0004);
    expect(Math.max(...fees)).toBe(0.0026);
    for (const venue of market.venues()) expect(await market.markets(venue)).toHaveLength(50);
  });

  it('is a pure function of the seed and the second', async () => {
    const book = await at(T).orderBook('okx', 'SOL/USDT', 50);
    expect(await at(T + 999).orderBook('okx', 'SOL/USDT', 50)).toEqual(book);
    expect(await at(T + 1000).orderBook('okx', 'SOL/USDT', 50)).not.toEqual(book);
    expect(await at(T, 7).orderBook('okx', 'SOL/USDT', 50)).not.toEqual(book);
  });

  it('builds sorted books of the requested depth around realistic prices, sizes growing with distance', async () => {
    const { bids, asks } = await at(T).orderBook('binance', 'BTC/USDT', 50);
    expect(bids).toHaveLength(50);
    expect(asks).toHaveLength(50);
    for (let k = 1; k < 50; k++) {
      expect(bids[k]![0]).toBeLessThan(bids[k - 1]![0]);
      expect(asks[k]![0]).toBeGreaterThan(asks[k - 1]![0]);
    }
    const mid = (bids[0]![0] + asks[0]![0]) / 2;
    expect(mid).toBeGreaterThan(70_000);
    expect(mid).toBeLessThan(115_000);
    expect((asks[0]![0] - bids[0]![0]) / mid).toBeLessThan(0.0005); // a major's spread is a few basis points
    const size = (levels: typeof bids) => levels.reduce((s, [, q]) => s + q, 0);
    expect(size(bids.slice(40))).toBeGreaterThan(size(bids.slice(0, 10)));
  });

  it("centres every venue's book on the market's price path, a few basis points of basis and noise apart", async () => {
    const market = at(T);
    for (const [base, quote] of [
      ['BTC', 'USDT'],
      ['SOL', 'USDT'],
      ['ETH', 'BTC'],
    ] as const) {
      const path = prices.usd(base, T)! / prices.usd(quote, T)!;
      for (const venue of market.venues()) {
        const { bids, asks } = await market.orderBook(venue, `${base}/${quote}`, 1);
        const mid = (bids[0]![0] + asks[0]![0]) / 2;
        expect(Math.abs(mid / path - 1)).toBeLessThan(0.0004); // ±1.5 bp of basis, ±2 bp of noise
      }
    }
  });

  it('thins and pushes a dislocated book away from the path', async () => {
    const { bids, asks } = await at(T).orderBook('binance', 'ETH/USDT', 1);
    const path = prices.usd('ETH', T)! / prices.usd('USDT', T)!;
    expect((bids[0]![0] + asks[0]![0]) / 2 / path).toBeLessThan(0.985);
  });

  it('drifts slowly: prices wander over a day but barely move from one second to the next', async () => {
    const mid = async (time: number) => {
      const { bids, asks } = await at(time).orderBook('binance', 'BTC/USDT', 1);
      return (bids[0]![0] + asks[0]![0]) / 2;
    };
    const now = await mid(T);
    expect(Math.abs((await mid(T + 1000)) / now - 1)).toBeLessThan(0.001);
    const hourly = await Promise.all(Array.from({ length: 24 }, (_, h) => mid(T + h * 3_600_000)));
    expect(Math.max(...hourly) / Math.min(...hourly)).toBeGreaterThan(1.01);
  });

  it('rejects venues and symbols it does not list', async () => {
    await expect(at(T).orderBook('mtgox', 'BTC/USDT', 5)).rejects.toThrow(/unknown venue mtgox/);
    await expect(at(T).orderBook('binance', 'BTC/EUR', 5)).rejects.toThrow(/has no market BTC\/EUR/);
  });
});

describe('scanner over the simulated market', () => {
  it('finds the dislocation and prices it exactly as crossTrade does on the same books', async () => {
    const scanner = createScanner(at(T), { depth: 50 });
    const [best] = await scanner.scan();
    expect(best).toMatchObject({ symbol: 'ETH/USDT', buyVenue: 'binance', sellVenue: 'okx' });
    expect(best!.netProfitPct).toBeGreaterThan(1);
    const books = await scanner.books('ETH/USDT');
    const binance = books.find((b) => b.venue === 'binance')!;
    const okx = books.find((b) => b.venue === 'okx')!;
    expect(best).toEqual({ ...crossTrade(binance, okx), symbol: 'ETH/USDT' });
  });

  it('lists only opportunities profitable after fees, best first', async () => {
    const trades = await createScanner(at(T), { depth: 50 }).scan();
    expect(trades.every((t) => t.netProfitPct > 0 && t.executableSize > 0)).toBe(true);
    expect(trades.map((t) => t.netProfitPct)).toEqual([...trades.map((t) => t.netProfitPct)].sort((a, b) => b - a));
  });

  it('limits itself to the watched symbols and leaves out a venue whose book fails', async () => {
    const failures: string[] = [];
    const market = at(T);
    const flaky = {
      ...market,
      orderBook: (venue: string, symbol: string, depth: number) =>
        venue === 'okx' ? Promise.reject(new Error('timeout')) : market.orderBook(venue, symbol, depth),
    };
    const scanner = createScanner(flaky, {
      depth: 10,
      symbols: ['ETH/USDT'],
      onError: (venue, symbol) => failures.push(`${venue} ${symbol}`),
    });
    expect(await scanner.symbols()).toEqual(['ETH/USDT']);
    expect((await scanner.books('ETH/USDT')).map((b) => b.venue)).toEqual(['binance', 'bybit', 'coinbase', 'kraken']);
    expect(failures).toEqual(['okx ETH/USDT']);
  });
});
