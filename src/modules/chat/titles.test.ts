import { describe, expect, it } from 'vitest';
import { titleFor } from './titles.ts';

describe('conversation titles', () => {
  it('keeps a short message whole, on one line, capitalised', () => {
    expect(titleFor('  spread for\nBTC/USDT ')).toBe('Spread for BTC/USDT');
  });

  it('cuts a long message at a word and marks the cut', () => {
    const title = titleFor(
      'find me arbitrage for BTC/USDT above 0.5% on every venue you know about, and explain the fees too',
    );
    expect(title).toBe('Find me arbitrage for BTC/USDT above 0.5% on every venue…');
    expect(title.length).toBeLessThanOrEqual(61);
  });

  it('never stores half an emoji (U+FFFD once saved) when the cut falls on one', () => {
    const title = titleFor(`${'a'.repeat(58)}🚀🚀🚀`);
    expect(title).toBe(`A${'a'.repeat(57)}…`);
    expect(title).not.toMatch(/[\uD800-\uDFFF]/);
  });
});
