import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../tokens/index.ts';
import { createTokenFilterKey } from './tokenFilterKey.ts';

describe('token filter keys', () => {
  const key = createTokenFilterKey(createTokenRegistry());

  it('resolves tickers, coin names and CoinGecko ids to the ticker items are tagged with', () => {
    expect(['BTC', '$btc', 'bitcoin', 'Bitcoin', ' bitcoin '].map(key)).toEqual(['BTC', 'BTC', 'BTC', 'BTC', 'BTC']);
    expect(['usd-coin', 'USD Coin', 'avalanche-2', 'Solana'].map(key)).toEqual(['USDC', 'USDC', 'AVAX', 'SOL']);
  });

  it('keeps contract addresses and unknown tickers as they are indexed', () => {
    expect(key('0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48')).toBe('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');
    expect(key('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v')).toBe('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v');
    expect(key('$zkj')).toBe('ZKJ');
  });
});
