import { describe, expect, it } from 'vitest';
import { normaliseSymbol } from './marketSource.ts';

describe('normaliseSymbol', () => {
  it('reads a bare asset as its USDT market and keeps a written pair', () => {
    expect(normaliseSymbol(' btc ')).toBe('BTC/USDT');
    expect(normaliseSymbol('eth-btc')).toBe('ETH/BTC');
    expect(normaliseSymbol('sol_usdc')).toBe('SOL/USDC');
  });

  it('splits a pair glued as exchange APIs write it, before a stablecoin quote', () => {
    expect(normaliseSymbol('BTCUSDT')).toBe('BTC/USDT');
    expect(normaliseSymbol('ethusdc')).toBe('ETH/USDC');
    expect(normaliseSymbol('PEPEFDUSD')).toBe('PEPE/FDUSD');
  });

  it('leaves assets whose name ends in another coin, or a stablecoin alone, as assets', () => {
    expect(normaliseSymbol('STETH')).toBe('STETH/USDT');
    expect(normaliseSymbol('WBTC')).toBe('WBTC/USDT');
    expect(normaliseSymbol('USDC')).toBe('USDC/USDT');
  });
});
