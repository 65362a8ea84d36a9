import { describe, expect, it } from 'vitest';
import { cues, price } from './intent.ts';
import { letterPairs } from './literals.ts';

describe('price', () => {
  it('groups thousands with at most two decimals, and keeps six significant digits below 1000', () => {
    expect([1000, 1000.005, 91229.115, 999999.999, 12345678.9, 999.9999, 0.000123456789].map(price)).toEqual([
      '1,000',
      '1,000.01',
      '91,229.12',
      '1,000,000',
      '12,345,678.9',
      '1000',
      '0.000123457',
    ]);
  });

  it('writes what Intl.NumberFormat writes for every price it groups', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    for (const value of [1000, 1234.5, 65432.1, 3.14e9, 7.25e14]) expect(price(value)).toBe(intl.format(value));
  });
});

describe('cues', () => {
  it('scores the strongest matching cue, and 0 when none matches', () => {
    const cued = cues([1, /spread/i], [3, /arbitrage/i]);
    const score = (text: string) => cued(text, { pairs: letterPairs() });
    expect([score('arbitrage spread'), score('the spread'), score('hello')]).toEqual([3, 1, 0]);
  });
});
