import { describe, expect, it } from 'vitest';
import { HIGH_VALUE_THRESHOLD, type TokenMention } from './types.ts';
import { scoreValue, sourcePoints } from './value.ts';

const btc: TokenMention = { symbol: 'BTC', name: 'Bitcoin', chain: 'bitcoin', address: null, confidence: 0.9 };
const micro: TokenMention = { symbol: 'XYZ', name: 'Xyz', chain: 'base', address: null, confidence: 0.9 };
const ranks = new Map<string, number | undefined>([
  ['BTC', 1],
  ['XYZ', undefined],
]);
const bullish = { label: 'bullish' as const, score: 0.6 };
const neutral = { label: 'neutral' as const, score: 0 };

describe('value scoring', () => {
  it('ranks source credibility: official exchange > major outlet > trusted account > random account', () => {
    const points = [
      sourcePoints({ kind: 'exchange', name: 'Binance Announcements' }).points,
      sourcePoints({ kind: 'news', name: 'CoinDesk' }).points,
      sourcePoints({ kind: 'twitter', name: '@lookonchain' }).points,
      sourcePoints({ kind: 'twitter', name: '@random_degen_420' }).points,
    ];
    expect([...points].sort((a, b) => b - a)).toEqual(points);
    expect(points[0]).toBeGreaterThan(points[3]!);
  });

  it('marks a fresh official listing of a big token high value, with reasons', () => {
    const value = scoreValue({
      source: { kind: 'exchange', name: 'Binance' },
      event: 'listing',
      sentiment: bullish,
      tokens: [btc],
      ranks,
      novelty: 1,
    });
    expect(value.score).toBeGreaterThanOrEqual(HIGH_VALUE_THRESHOLD);
    expect(value.high_value).toBe(true);
    expect(value.reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('official exchange'),
        expect.stringContaining('listing'),
        expect.stringContaining('BTC'),
      ]),
    );
  });

  it('keeps a random account musing about a micro-cap low', () => {
    const value = scoreValue({
      source: { kind: 'twitter', name: '@anon' },
      event: 'other',
      sentiment: neutral,
      tokens: [micro],
      ranks,
      novelty: 1,
    });
    expect(value.score).toBeLessThan(40);
    expect(value.high_value).toBe(false);
  });

  it('rewards novelty and strong sentiment', () => {
    const base = {
      source: { kind: 'news' as const, name: 'Reuters' },
      event: 'regulation' as const,
      tokens: [btc],
      ranks,
    };
    const fresh = scoreValue({ ...base, sentiment: bullish, novelty: 1 }).score;
    const seen = scoreValue({ ...base, sentiment: bullish, novelty: 0 }).score;
    const calm = scoreValue({ ...base, sentiment: neutral, novelty: 1 }).score;
    expect(fresh).toBeGreaterThan(seen);
    expect(fresh).toBeGreaterThan(calm);
    expect(scoreValue({ ...base, sentiment: bullish, novelty: 0 }).reasons).toContain('already reported');
  });

  it('stays within 0..100', () => {
    const max = scoreValue({
      source: { kind: 'exchange', name: 'Binance' },
      event: 'hack',
      sentiment: { label: 'bearish', score: -1 },
      tokens: [btc],
      ranks,
      novelty: 5,
    });
    expect(max.score).toBeLessThanOrEqual(100);
    const min = scoreValue({ source: undefined, event: 'other', sentiment: neutral, tokens: [], ranks, novelty: -1 });
    expect(min.score).toBeGreaterThanOrEqual(0);
  });
});
