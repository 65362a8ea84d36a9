import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createEmbeddedMarketData } from './embeddedMarketData.ts';
import { createSimulatedPrices } from './simulatedPrices.ts';

const registry = createTokenRegistry();
const prices = createSimulatedPrices(registry);
const T = Date.parse('2026-03-01T00:05:20.250Z');

describe('simulated prices', () => {
  it('are the prices the embedded market data quotes at the same instant', async () => {
    const market = createEmbeddedMarketData({ registry, now: () => new Date(T) });
    for (const symbol of ['BTC', 'ETH', 'SOL', 'USDT', 'PEPE', 'MICHI']) {
      const quoted = (await market.tokenInfo({ symbol }))!.price_usd!;
      expect(prices.usd(symbol, T)! / quoted).toBeCloseTo(1, 5); // the quote keeps six significant digits
    }
  });

  it('name one path per asset, however the asset is called', () => {
    const btc = prices.usd('BTC', T);
    expect(prices.usd('bitcoin', T)).toBe(btc);
    expect(prices.usd('Bitcoin', T)).toBe(btc);
    expect(prices.usd('WBTC', T)).toBe(btc); // a wrapped token trades as its asset
  });

  it('hold one price through each second and move with time', () => {
    expect(prices.usd('ETH', T + 749)).toBe(prices.usd('ETH', T));
    expect(prices.usd('ETH', T + 3_600_000)).not.toBe(prices.usd('ETH', T));
  });

  it('know nothing of tokens the registry lacks', () => {
    expect(prices.usd('NOSUCHTOKEN', T)).toBeUndefined();
  });
});
