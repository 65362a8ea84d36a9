import { describe, expect, it } from 'vitest';
import { buildTokenCatalog, canonicalAddress, isSameAsset, normaliseSymbol } from './tokenCatalog.ts';
import { MAJOR_ASSETS, type MajorAsset } from './majors.ts';
import { loadUniswapTokens } from './uniswapTokens.ts';

const major = (symbol: string) => MAJOR_ASSETS.find((m) => m.symbol === symbol) as MajorAsset;

describe('token catalog', () => {
  it('normalises tickers and addresses', () => {
    expect(normaliseSymbol(' $wif ')).toBe('WIF');
    expect(canonicalAddress('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48')).toBe(
      '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
    );
    expect(canonicalAddress('So11111111111111111111111111111111111111112')).toBe(
      'So11111111111111111111111111111111111111112',
    );
  });

  it('recognises listings of the same asset under varying names', () => {
    expect(isSameAsset(major('USDC'), 'USDCoin')).toBe(true);
    expect(isSameAsset(major('USDC'), 'USDC Token')).toBe(true);
    expect(isSameAsset(major('USDT'), 'Tether USD')).toBe(true);
    expect(isSameAsset(major('LINK'), 'ChainLink Token')).toBe(true);
    expect(isSameAsset(major('SOL'), 'SOL Wormhole ')).toBe(true);
    expect(isSameAsset(major('STX'), 'Stox')).toBe(false);
    expect(isSameAsset(major('ONE'), 'ONEchain')).toBe(false);
  });

  it('curated majors are unique, checksummed and ranked', () => {
    const keys = MAJOR_ASSETS.map((m) => `${m.chain}:${m.address ?? m.symbol}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of MAJOR_ASSETS) {
      expect(m.symbol).toBe(normaliseSymbol(m.symbol));
      expect(m.chain).toMatch(/^[a-z-]+$/);
      if (m.address) expect(canonicalAddress(m.address)).toBe(m.address);
      expect(m.rank).toBeGreaterThan(0);
    }
    expect(MAJOR_ASSETS.length).toBeGreaterThanOrEqual(80);
  });

  it('curated contracts agree with the Uniswap list wherever both name the token', () => {
    const listed = loadUniswapTokens();
    for (const m of MAJOR_ASSETS.filter((a) => a.address)) {
      const sameChain = listed.filter(
        (t) => t.chain === m.chain && normaliseSymbol(t.symbol) === m.symbol && isSameAsset(m, t.name),
      );
      if (sameChain.length)
        expect(
          sameChain.map((t) => t.address),
          m.symbol,
        ).toContain(m.address);
    }
  });

  it('lets a curated entry win over the listed one at the same address', () => {
    const catalog = buildTokenCatalog();
    const atUsdc = catalog.filter((r) => r.address === '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48');
    expect(atUsdc).toEqual([major('USDC')]);
  });
});
