import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCoinGecko, type FakeCoin, type FakeCoinGecko } from '../../../test/fakes/coingecko.ts';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { createHttpClient } from '../../core/outbound/httpClient.ts';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createCoinGeckoMarketData, type CoinGeckoMarketDataOptions } from './coingeckoMarketData.ts';
import { MarketDataUnavailableError } from './marketDataError.ts';

const USDC_ETHEREUM = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const USDC_SOLANA = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
const UNLISTED = '0x1111111111111111111111111111111111111111';

const coins: FakeCoin[] = [
  {
    id: 'bitcoin',
    symbol: 'btc',
    name: 'Bitcoin',
    platforms: {},
    price: 91_234.5,
    change24hPct: -1.23456,
    marketCap: 1.81e12,
    volume24h: 4.2e10,
    lastUpdated: '2026-01-10T11:59:12.345Z',
  },
  {
    id: 'usd-coin',
    symbol: 'usdc',
    name: 'USDC',
    platforms: { ethereum: USDC_ETHEREUM.toLowerCase(), solana: USDC_SOLANA },
    price: 0.9998,
    change24hPct: 0.01,
    marketCap: 7.5e10,
    volume24h: 9.1e9,
    lastUpdated: '2026-01-10T11:58:00.000Z',
  },
  // Newly listed: CoinGecko has no figures yet and sends nulls.
  {
    id: 'fresh-token',
    symbol: 'fresh',
    name: 'Fresh Token',
    platforms: { base: UNLISTED },
    price: 0.5,
    change24hPct: null,
    marketCap: null,
    volume24h: null,
    lastUpdated: '2026-01-10T11:00:00.000Z',
  },
];

let fake: FakeCoinGecko;
let clock: Date;
const registry = createTokenRegistry();

/** Retries wait on a clock that moves only when slept on. */
function market(overrides: Partial<CoinGeckoMarketDataOptions> & { timeoutMs?: number } = {}) {
  const { timeoutMs = 5_000, ...options } = overrides;
  const http = createHttpClient({ timeoutMs, clock: createManualClock() });
  return createCoinGeckoMarketData({ baseUrl: fake.url, registry, now: () => clock, http, ...options });
}

beforeAll(async () => {
  fake = await startFakeCoinGecko(coins);
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.stallFor(0);
  clock = new Date('2026-01-10T12:00:00Z');
});

describe('CoinGecko market data', () => {
  it('quotes a symbol through its CoinGecko id with /coins/markets', async () => {
    const info = await market({ apiKey: () => 'demo-key' }).tokenInfo({ symbol: '$btc' });
    expect(info).toEqual({
      symbol: 'BTC',
      name: 'Bitcoin',
      chain: 'bitcoin',
      address: null,
      price_usd: 91_234.5,
      change_24h_pct: -1.23456,
      market_cap_usd: 1.81e12,
      volume_24h_usd: 4.2e10,
      holders: null,
      as_of: '2026-01-10T11:59:12.345Z',
      source: 'coingecko',
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v3/coins/markets',
      query: { vs_currency: 'usd', ids: 'bitcoin' },
    });
    expect(fake.requests[0]?.headers['x-cg-demo-api-key']).toBe('demo-key');
  });

  it('asks for several tokens in one request, by ticker, name or CoinGecko id, and answers in the order asked', async () => {
    const infos = await market().tokenInfos(['usdc', 'NOSUCHTOKEN', 'bitcoin', 'BTC']);
    expect(infos.map((i) => i?.symbol ?? null)).toEqual(['USDC', null, 'BTC', 'BTC']);
    expect(infos[2]).toMatchObject({ price_usd: 91_234.5, source: 'coingecko' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.query).toMatchObject({ ids: 'bitcoin,usd-coin' });
  });

  it('reads the largest coins with one /coins/markets page by market cap, named as the registry names them', async () => {
    const largest = await market().largestCoins();
    // fresh-token is unknown to the registry: left out rather than named without its chain.
    expect(largest.map((coin) => [coin.symbol, coin.chain, coin.change_24h_pct])).toEqual([
      ['BTC', 'bitcoin', -1.23456],
      ['USDC', 'ethereum', 0.01],
    ]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      path: '/api/v3/coins/markets',
      query: { vs_currency: 'usd', order: 'market_cap_desc', per_page: '250', page: '1' },
    });
  });

  it('sends the key in use at each request: a rotated one from the next request on', async () => {
    let key = 'key-1';
    const rotating = market({ apiKey: () => key });
    await rotating.tokenInfo({ symbol: 'BTC' });
    key = 'key-2';
    clock = new Date(clock.getTime() + 60_000);
    await rotating.tokenInfo({ symbol: 'BTC' });
    expect(fake.requests.map((r) => r.headers['x-cg-demo-api-key'])).toEqual(['key-1', 'key-2']);
  });

  it('sends no api-key header without a key', async () => {
    await market().tokenInfo({ symbol: 'BTC' });
    expect(fake.requests[0]?.headers).not.toHaveProperty('x-cg-demo-api-key');
  });

  it('quotes a contract through /coins/{platform}/contract/{address}, EVM in lower case', async () => {
    const info = await market().tokenInfo({ address: USDC_ETHEREUM.toLowerCase(), chain: 'Ethereum' });
    expect(fake.requests[0]?.path).toBe(`/api/v3/coins/ethereum/contract/${USDC_ETHEREUM.toLowerCase()}`);
    expect(info).toMatchObject({
      symbol: 'USDC',
      name: 'USD Coin',
      chain: 'ethereum',
      address: USDC_ETHEREUM,
      price_usd: 0.9998,
      change_24h_pct: 0.01,
      market_cap_usd: 7.5e10,
      volume_24h_usd: 9.1e9,
      source: 'coingecko',
    });
  });

  it('maps chains to CoinGecko platforms and keeps Solana mints as they are', async () => {
    await market().tokenInfo({ address: USDC_SOLANA, chain: 'solana' });
    await market().tokenInfo({ address: UNLISTED, chain: 'bsc' });
    expect(fake.requests.map((r) => r.path)).toEqual([
      `/api/v3/coins/solana/contract/${USDC_SOLANA}`,
      `/api/v3/coins/binance-smart-chain/contract/${UNLISTED}`,
    ]);
  });

  it("names tokens the registry lacks from CoinGecko's answer and turns missing figures into null", async () => {
    const info = await market().tokenInfo({ address: UNLISTED, chain: 'base' });
    expect(info).toMatchObject({
      symbol: 'FRESH',
      name: 'Fresh Token',
      chain: 'base',
      address: UNLISTED,
      price_usd: 0.5,
      change_24h_pct: null,
      market_cap_usd: null,
      volume_24h_usd: null,
    });
  });

  it('answers null for unknown tokens: 404 contract, empty markets, no CoinGecko id, unsupported chain', async () => {
    const m = market();
    expect(await m.tokenInfo({ address: '0x2222222222222222222222222222222222222222', chain: 'ethereum' })).toBeNull();
    expect(await m.tokenInfo({ symbol: 'ETH' })).toBeNull(); // the fake does not list ethereum
    expect(await m.tokenInfo({ symbol: 'NOSUCHTOKEN' })).toBeNull();
    expect(await m.tokenInfo({ address: UNLISTED, chain: 'cardano' })).toBeNull();
    expect(fake.requests).toHaveLength(2);
  });

  it('remembers answers for 30 s', async () => {
    const m = market();
    await m.tokenInfo({ symbol: 'BTC' });
    await m.tokenInfo({ symbol: 'btc' });
    expect(fake.requests).toHaveLength(1);
    clock = new Date(clock.getTime() + 30_000);
    await m.tokenInfo({ symbol: 'BTC' });
    expect(fake.requests).toHaveLength(2);
  });

  it('asks again after a rate limit', async () => {
    fake.failNext(429, { status: { error_code: 429, error_message: "You've exceeded the Rate Limit." } });
    expect(await market().tokenInfo({ symbol: 'BTC' })).toMatchObject({ symbol: 'BTC', price_usd: 91_234.5 });
    expect(fake.requests).toHaveLength(2);
  });

  it('turns HTTP errors into MarketDataUnavailableError naming the status', async () => {
    fake.failNext(500, { error: 'internal for key CG-secret-key' });
    const error = (await market({ apiKey: () => 'CG-secret-key' })
      .tokenInfo({ symbol: 'BTC' })
      .catch((err: unknown) => err)) as MarketDataUnavailableError;
    expect(error).toBeInstanceOf(MarketDataUnavailableError);
    // Clients see the summary; the provider's body is only in `detail`, for the log, and without the key it may echo.
    expect(error.message).toBe('CoinGecko answered HTTP 500 to /coins/markets');
    expect(error.detail).toContain('internal for key [api key]');
  });

  it('rejects answers of the wrong shape', async () => {
    fake.failNext(200, { unexpected: true });
    await expect(market().tokenInfo({ symbol: 'BTC' })).rejects.toThrow(/unexpected shape/);
  });

  it('gives up after the timeout', async () => {
    // The stalled answer would arrive (and succeed) after a second: only the 100 ms timeout can reject first.
    fake.stallFor(1_000);
    await expect(market({ timeoutMs: 100 }).tokenInfo({ symbol: 'BTC' })).rejects.toThrow(
      /did not answer .* within 100 ms/,
    );
  });

  it("rethrows the caller's abort instead of reporting an outage", async () => {
    fake.stallFor(1_000);
    const controller = new AbortController();
    const pending = market().tokenInfo({ symbol: 'BTC' }, controller.signal);
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
  });

  it('reports an unreachable server', async () => {
    const closed = await startFakeCoinGecko([]);
    await closed.close();
    await expect(market({ baseUrl: closed.url }).tokenInfo({ symbol: 'BTC' })).rejects.toThrow(
      /CoinGecko could not be reached for \/coins\/markets/,
    );
  });
});
