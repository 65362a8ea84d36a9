import { describe, expect, it } from 'vitest';
import { tokenKey, tokenKeys } from './tokenKey.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('tokenKey', () => {
  it('normalises symbols, cashtags and EVM addresses', () => {
    expect(tokenKey('$eth')).toBe('ETH');
    expect(tokenKey('btc')).toBe('BTC');
    expect(tokenKey('0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48')).toBe('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');
  });
  it('keeps case-sensitive Solana addresses as they are', () => {
    expect(tokenKey('EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v')).toBe(
      'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
    );
  });
  it('indexes symbol and address of each token once', () => {
    expect(
      tokenKeys([
        { symbol: 'usdc', address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' },
        { symbol: 'USDC', address: null },
      ]),
    ).toEqual(['USDC', '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48']);
  });
});

describe('feed cursor', () => {
  it('round-trips a position', () => {
    const position = { publishedAt: new Date('2026-01-02T03:04:05.678Z'), id: '0191d3f0-0000-7000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });
  it('rejects anything it did not issue', () => {
    for (const bad of [
      'x',
      'abc:def',
      Buffer.from('1:not-a-uuid').toString('base64url'),
      Buffer.from('a:0191d3f0-0000-7000-8000-000000000001').toString('base64url'),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});
