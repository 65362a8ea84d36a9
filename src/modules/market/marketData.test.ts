import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../core/outbound/httpClient.ts';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createMarketData } from './marketData.ts';

const registry = createTokenRegistry();
const config = { COINGECKO_BASE_URL: 'http://127.0.0.1:9/api/v3' };

describe('createMarketData', () => {
  it('builds the simulation by default and CoinGecko on request', () => {
    expect(createMarketData({ ...config, MARKET_DATA: 'embedded' }, { registry }).kind).toBe('embedded');
    expect(createMarketData({ ...config, MARKET_DATA: 'coingecko' }, { registry }).kind).toBe('coingecko');
  });

  it('passes the injected clock and HTTP client through', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (request: string | URL | Request) => {
      calls.push(request instanceof Request ? request.url : String(request));
      return Response.json([]);
    }) as typeof fetch;
    const now = () => new Date('2026-02-01T00:00:00Z');
    const http = createHttpClient({ timeoutMs: 1_000, fetch: fakeFetch });
    const coingecko = createMarketData({ ...config, MARKET_DATA: 'coingecko' }, { registry, now, http });
    expect(await coingecko.tokenInfo({ symbol: 'BTC' })).toBeNull();
    expect(calls).toEqual(['http://127.0.0.1:9/api/v3/coins/markets?vs_currency=usd&ids=bitcoin']);
    const embedded = createMarketData({ ...config, MARKET_DATA: 'embedded' }, { registry, now });
    expect((await embedded.tokenInfo({ symbol: 'BTC' }))?.as_of).toBe('2026-02-01T00:00:00.000Z');
  });
});
