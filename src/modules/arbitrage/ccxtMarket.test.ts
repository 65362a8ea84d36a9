import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { startFakeBinance, type FakeBinance } from '../../../test/fakes/binance.ts';
import { createCcxtMarket } from './ccxtMarket.ts';
import type { MarketSource } from './marketSource.ts';

/**
 * The real ccxt Binance client (its request signing, rate limiter, parsing and
 * unified mapping) talking to a local server that answers in Binance's wire
 * format; only the base URL and the spot-only market types are overridden.
 */
describe('ccxt market source (Binance wire format)', () => {
  let fake: FakeBinance;
  let source: MarketSource;

  beforeAll(async () => {
    fake = await startFakeBinance({
      BTCUSDT: {
        base: 'BTC',
        quote: 'USDT',
        bids: [
          [90_000.5, 0.8],
          [89_999, 2.5],
        ],
        asks: [
          [90_001, 0.4],
          [90_002.25, 1.2],
          [90_010, 3],
        ],
      },
      ETHBTC: { base: 'ETH', quote: 'BTC', bids: [[0.0334, 12]], asks: [[0.03341, 9]] },
      LUNAUSDT: { base: 'LUNA', quote: 'USDT', status: 'BREAK', bids: [], asks: [] },
      DOGEUSDT: { base: 'DOGE', quote: 'USDT', bids: [[0.16, 1e6]], asks: [[0.1601, 1e6]] },
    });
    source = await createCcxtMarket({
      exchanges: ['binance'],
      symbols: ['BTC/USDT', 'ETH/BTC', 'LUNA/USDT'],
      createExchange: async () =>
        new ccxt.binance({
          enableRateLimit: true,
          urls: { api: { public: fake.url } },
          options: { fetchMarkets: { types: ['spot'] } },
        }),
    });
  });
  afterAll(async () => {
    await source?.close();
    await fake?.close();
  });

  it('lists the watched, trading spot markets in unified symbols', async () => {
    expect(source.venues()).toEqual(['binance']);
    const markets = await source.markets('binance');
    expect(markets.map((m) => m.symbol).sort()).toEqual(['BTC/USDT', 'ETH/BTC']);
    expect(markets.find((m) => m.symbol === 'ETH/BTC')).toEqual({ symbol: 'ETH/BTC', base: 'ETH', quote: 'BTC' });
  });

  it('maps the depth payload to numeric levels, best first, limited to the depth', async () => {
    const book = await source.orderBook('binance', 'BTC/USDT', 5);
    expect(book.bids).toEqual([
      [90_000.5, 0.8],
      [89_999, 2.5],
    ]);
    expect(book.asks).toEqual([
      [90_001, 0.4],
      [90_002.25, 1.2],
      [90_010, 3],
    ]);
    const depthRequest = fake.requests.find((r) => r.path === '/api/v3/depth');
    expect(depthRequest?.query).toEqual({ symbol: 'BTCUSDT', limit: '5' });
  });

  it("reads the market's taker fee", async () => {
    expect(await source.takerFee('binance', 'BTC/USDT')).toBe(0.001);
  });

  it('loads the markets once and rejects unknown venues and symbols', async () => {
    await source.markets('binance');
    expect(fake.requests.filter((r) => r.path === '/api/v3/exchangeInfo')).toHaveLength(1);
    await expect(source.orderBook('kraken', 'BTC/USDT', 5)).rejects.toThrow(/unknown venue kraken/);
    await expect(source.orderBook('binance', 'NOPE/USDT', 5)).rejects.toThrow();
  });

  it("signs each call with the exchange's credentials in use, a rotated key from the next call on", async () => {
    // None at first: with keys, ccxt's Binance also reads private lists while loading markets, which the fake lacks.
    let credentials: { apiKey: string; secret: string } | undefined;
    let client: Exchange | undefined;
    const signed = await createCcxtMarket({
      exchanges: ['binance'],
      symbols: ['BTC/USDT'],
      credentials: (id) => (id === 'binance' ? credentials : undefined),
      createExchange: async () => {
        client = new ccxt.binance({
          urls: { api: { public: fake.url } },
          options: { fetchMarkets: { types: ['spot'] } },
        });
        return client;
      },
    });
    try {
      await signed.orderBook('binance', 'BTC/USDT', 5);
      credentials = { apiKey: 'binance-key-1', secret: 'binance-secret-1' };
      await signed.orderBook('binance', 'BTC/USDT', 5);
      expect(client).toMatchObject({ apiKey: 'binance-key-1', secret: 'binance-secret-1' });
      credentials = { apiKey: 'binance-key-2', secret: 'binance-secret-2' };
      await signed.orderBook('binance', 'BTC/USDT', 5);
      expect(client).toMatchObject({ apiKey: 'binance-key-2', secret: 'binance-secret-2' });
    } finally {
      await signed.close();
    }
  });

  it('refuses an id that is not a ccxt exchange', async () => {
    await expect(createCcxtMarket({ exchanges: ['notanexchange'], symbols: [] })).rejects.toThrow(
      /notanexchange is not a ccxt exchange id/,
    );
  });
});
