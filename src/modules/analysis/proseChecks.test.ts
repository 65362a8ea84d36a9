import { describe, expect, it } from 'vitest';
import { proseProblems } from './proseChecks.ts';
import type { Analysis } from './types.ts';

const input = { title: 'Binance will list Thena (THE)', text: 'Trading opens at 10:00 UTC.' };
const good: Analysis = {
  tokens: [{ symbol: 'THE', name: 'Thena', chain: 'bsc', address: null, confidence: 0.95 }],
  mentions: [],
  sentiment: { label: 'bullish', score: 0.6 },
  event: { type: 'listing' },
  value: { score: 80, high_value: true, reasons: [] },
  summary: 'Trading opens at 10:00 UTC.',
  analysis: 'Exchange listing of Thena (THE) on Binance. Bullish for THE.',
};

describe('prose checks', () => {
  it('pass an analysis that names the token and the event and a summary that is not the headline', () => {
    expect(proseProblems(input, good)).toEqual([]);
  });

  it('catch missing prose, the headline again, and an analysis that names neither token nor event', () => {
    expect(proseProblems(input, { ...good, summary: 'Binance will list Thena (THE).', analysis: '' })).toEqual([
      'no analysis',
      'summary repeats the headline',
      'analysis does not name THE',
      'analysis does not say listing',
    ]);
  });

  it('take the first sentence as the headline of an untitled post', () => {
    const untitled = { text: 'OKX will list THE tomorrow. Deposits are open.' };
    expect(proseProblems(untitled, { ...good, summary: 'OKX will list THE tomorrow.' })).toEqual([
      'summary repeats the headline',
    ]);
  });
});
