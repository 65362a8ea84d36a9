import { isAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { createTokenRegistry, type TokenRecord } from './tokenRegistry.ts';

const registry = createTokenRegistry();

describe('token registry (curated majors + Uniswap list)', () => {
  it('keeps one record per chain for a multi-chain symbol, best-ranked first', () => {
    const usdc = registry.bySymbol('usdc');
    const chains = usdc.map((r) => r.chain);
    expect(chains).toEqual(expect.arrayContaining(['ethereum', 'base', 'arbitrum', 'polygon', 'solana']));
    expect(new Set(usdc.map((r) => `${r.chain}:${r.address}`)).size).toBe(usdc.length);
    expect(usdc[0]).toMatchObject({ chain: 'ethereum', name: 'USD Coin', coingeckoId: 'usd-coin', rank: 7 });
    expect(usdc.find((r) => r.chain === 'base')).toMatchObject({ coingeckoId: 'usd-coin', rank: 7 });
  });

  it('tolerates a leading $ and any case', () => {
    expect(registry.bySymbol('$eth')[0]).toMatchObject({
      symbol: 'ETH',
      name: 'Ethereum',
      chain: 'ethereum',
      address: null,
    });
    expect(registry.bySymbol(' Btc ')[0]).toMatchObject({
      symbol: 'BTC',
      chain: 'bitcoin',
      coingeckoId: 'bitcoin',
      rank: 1,
    });
    // The list itself writes some Solana tickers with a '$'.
    expect(registry.bySymbol('MICHI')[0]).toMatchObject({ symbol: 'MICHI', chain: 'solana' });
  });

  it('returns native coins with a null address and the curated non-EVM chains', () => {
    for (const [symbol, chain] of [
      ['SOL', 'solana'],
      ['XRP', 'ripple'],
      ['TON', 'ton'],
      ['ADA', 'cardano'],
      ['TRX', 'tron'],
      ['BNB', 'bsc'],
    ]) {
      expect(registry.bySymbol(symbol!)[0]).toMatchObject({ chain, address: null });
    }
  });

  it('does not merge unrelated tokens that share a ticker', () => {
    const stx = registry.bySymbol('STX');
    expect(stx[0]).toMatchObject({ name: 'Stacks', coingeckoId: 'blockstack' });
    const stox = stx.find((r) => r.name === 'Stox');
    expect(stox).toBeDefined();
    expect(stox?.coingeckoId).toBeUndefined();
    expect(stox?.rank).toBeUndefined();
  });

  it('finds contracts case-insensitively and returns EIP-55 addresses', () => {
    const usdc = registry.byAddress('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');
    expect(usdc).toMatchObject({
      symbol: 'USDC',
      chain: 'ethereum',
      address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
    });
    for (const r of registry.all()) {
      if (r.address?.startsWith('0x')) expect(isAddress(r.address), r.address).toBe(true);
    }
  });

  it('narrows an address shared by several chains with the chain slug', () => {
    const weth = '0x4200000000000000000000000000000000000006';
    expect(registry.byAddress(weth, 'Base')).toMatchObject({ symbol: 'WETH', chain: 'base' });
    expect(registry.byAddress(weth, 'optimism')).toMatchObject({ chain: 'optimism' });
    expect(registry.byAddress(weth, 'ethereum')).toBeUndefined();
  });

  it('matches Solana mints exactly', () => {
    const mint = 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v';
    expect(registry.byAddress(mint, 'solana')).toMatchObject({ symbol: 'USDC', chain: 'solana' });
    expect(registry.byAddress(mint.toLowerCase())).toBeUndefined();
  });

  it('finds tokens by full name, case-insensitively', () => {
    expect(registry.byName('ethereum')[0]).toMatchObject({ symbol: 'ETH', address: null });
    expect(registry.byName('USD coin').every((r) => r.symbol === 'USDC')).toBe(true);
    expect(registry.byName('Harmony')[0]).toMatchObject({ symbol: 'ONE', chain: 'harmony' });
    expect(registry.byName('ether')).toEqual([]);
  });

  it('resolves what people call a token: a ticker, a name or a CoinGecko id, best-ranked first', () => {
    // 'BITCOIN' is also the ticker of an unranked meme coin: the ranked asset comes first.
    expect(registry.bySymbol('bitcoin')[0]?.symbol).not.toBe('BTC');
    expect(registry.resolve('bitcoin')[0]).toMatchObject({ symbol: 'BTC', name: 'Bitcoin', address: null });
    expect(registry.resolve('$btc')[0]).toMatchObject({ symbol: 'BTC', address: null });
    expect(registry.resolve('Ethereum')[0]).toMatchObject({ symbol: 'ETH', address: null });
    expect(registry.resolve('ripple')[0]?.symbol).toBe('XRP');
    expect(registry.resolve('avalanche-2')[0]?.symbol).toBe('AVAX');
    expect(registry.resolve('usd coin').every((r) => r.symbol === 'USDC')).toBe(true);
    expect(registry.resolve('no such coin')).toEqual([]);
  });

  it('puts ticker matches first among equally ranked ones, and lists each record once', () => {
    const records: TokenRecord[] = [
      { symbol: 'ABC', name: 'Alpha', chain: 'base', address: null },
      { symbol: 'ALPHA', name: 'Alpha Token', chain: 'bsc', address: null },
      { symbol: 'XYZ', name: 'Alpha', chain: 'ethereum', address: null, rank: 9, coingeckoId: 'alpha' },
    ];
    const custom = createTokenRegistry(records);
    expect(custom.resolve('alpha').map((r) => r.symbol)).toEqual(['XYZ', 'ALPHA', 'ABC']);
  });

  it('finds the ranked coin a misspelt name or CoinGecko id means, and nothing for a word that is merely short or far', () => {
    expect(registry.closest('etherium')?.symbol).toBe('ETH');
    expect(registry.closest('etherum clasic')?.symbol).toBe('ETC');
    expect(registry.closest('fetch ai')?.symbol).toBe('FET');
    expect(registry.closest('Solanna')?.symbol).toBe('SOL');
    expect(registry.closest('cardnao')?.symbol).toBe('ADA');
    expect(registry.closest('sol')).toBeUndefined();
    expect(registry.closest('price')).toBeUndefined();
    expect(registry.closest('somethingelse')).toBeUndefined();
  });

  it('leaves a typo that two coins are equally close to unresolved', () => {
    const records: TokenRecord[] = [
      { symbol: 'AAA', name: 'Alphas', chain: 'base', address: null, rank: 1 },
      { symbol: 'BBB', name: 'Alphaz', chain: 'base', address: null, rank: 2 },
    ];
    expect(createTokenRegistry(records).closest('alphax')).toBeUndefined();
    expect(createTokenRegistry(records).closest('alphass')?.symbol).toBe('AAA');
  });

  it('answers unknown tokens with nothing', () => {
    expect(registry.bySymbol('NOSUCHTOKEN')).toEqual([]);
    expect(registry.byAddress('0x000000000000000000000000000000000000dEaD')).toBeUndefined();
    expect(registry.byName('no such coin')).toEqual([]);
  });

  it('drops testnets', () => {
    const testnetWeth = '0xfFf9976782d46CC05630D1f6eBAb18b2324d6B14'; // Sepolia
    expect(registry.byAddress(testnetWeth)).toBeUndefined();
  });

  it('sorts unranked records after ranked ones and does not leak its indexes', () => {
    const records: TokenRecord[] = [
      { symbol: 'X', name: 'Unranked', chain: 'base', address: null },
      { symbol: 'X', name: 'Second', chain: 'bsc', address: null, rank: 20 },
      { symbol: 'X', name: 'First', chain: 'ethereum', address: null, rank: 3 },
    ];
    const custom = createTokenRegistry(records);
    expect(custom.bySymbol('x').map((r) => r.name)).toEqual(['First', 'Second', 'Unranked']);
    custom.bySymbol('x').pop();
    expect(custom.bySymbol('x')).toHaveLength(3);
  });
});
