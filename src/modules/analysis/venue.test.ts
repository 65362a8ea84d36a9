import { describe, expect, it } from 'vitest';
import { splitWords } from './splitWords.ts';
import type { TokenMention } from './types.ts';
import { findVenue } from './venue.ts';

const hype: TokenMention = {
  symbol: 'HYPE',
  name: 'Hyperliquid',
  chain: 'hyperliquid',
  address: null,
  confidence: 0.9,
};
const venue = (text: string, subjects: TokenMention[] = [], source?: Parameters<typeof findVenue>[0]) =>
  findVenue(source, splitWords(text), subjects);

describe('venue', () => {
  it('is the announcing exchange, by its name', () => {
    expect(venue('New listing: ZORA/USDT', [], { kind: 'exchange', name: 'Bybit Announcements' })).toBe('Bybit');
    expect(venue('Trading starts today', [], { kind: 'exchange', name: 'okx' })).toBe('OKX');
  });

  it('is otherwise the first exchange the text names, written as a name', () => {
    expect(venue('UPBIT LISTING: $GAS (KRW market)')).toBe('Upbit');
    expect(venue('the gate is open; Binance.US lists SUI')).toBe('Binance.US');
    expect(venue("Hyperliquid's HYPE lands on Bitget and Gate", [hype])).toBe('Bitget');
    expect(venue('A new listing somewhere')).toBeUndefined();
  });
});
