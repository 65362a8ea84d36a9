import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createEmbeddedMarketData } from './embeddedMarketData.ts';
import { LISTED_ASSETS, REFERENCE_PRICES_USD } from './referencePrices.ts';
import { createSimulatedPrices } from './simulatedPrices.ts';
import { simulatedAsset } from './simulatedQuotes.ts';

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

  it('price listed tokens without a CoinGecko id from their reference, on every deployment, at their rank’s market cap', () => {
    for (const [symbol, { coingeckoId }] of Object.entries(LISTED_ASSETS)) {
      expect(REFERENCE_PRICES_USD[coingeckoId], symbol).toBeDefined();
      const deployments = registry.bySymbol(symbol);
      expect(deployments.length, symbol).toBeGreaterThan(0);
      for (const token of deployments)
        expect(simulatedAsset(token)).toMatchObject({ key: coingeckoId, anchored: true });
    }
    // EIGEN was $0.00088 at a $6.4M cap when the rank and price were guessed.
    expect(prices.usd('EIGEN', T)! / REFERENCE_PRICES_USD.eigenlayer!).toBeCloseTo(1, 0);
    expect(prices.marketCapUsd('EIGEN', T)).toBeGreaterThan(1e8);
  });

  it('leave an unrelated token sharing a listed ticker, and the unknown long tail, unanchored between a cent and ten dollars', () => {
    const namesake = {
      symbol: 'ZRO',
      name: 'Zero Something',
      chain: 'base',
      address: '0x0000000000000000000000000000000000000001',
    };
    expect(simulatedAsset(namesake)).toMatchObject({ key: 'symbol:ZRO', anchored: false });
    for (const token of registry.all().filter((t) => t.rank === undefined && !simulatedAsset(t).anchored)) {
      const { basePrice } = simulatedAsset(token);
      expect(basePrice, token.symbol).toBeGreaterThanOrEqual(0.01);
      expect(basePrice, token.symbol).toBeLessThanOrEqual(10);
    }
  });
});
