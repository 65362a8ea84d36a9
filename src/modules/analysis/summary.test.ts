import { describe, expect, it } from 'vitest';
import { summarise } from './summary.ts';

describe('summary', () => {
  it('uses the headline, cleaned, as one sentence', () => {
    expect(summarise('BREAKING: Binance will list Thena (THE) https://t.co/x', 'body')).toBe(
      'Binance will list Thena (THE).',
    );
  });

  it('falls back to the first sentence of the text', () => {
    expect(summarise(undefined, 'A whale moved 12,000 BTC to Coinbase. More to follow. #BTC')).toBe(
      'A whale moved 12,000 BTC to Coinbase.',
    );
  });

  it('cuts long sentences at a word boundary', () => {
    const summary = summarise(undefined, `${'word '.repeat(100)}end`);
    expect(summary.length).toBeLessThanOrEqual(220);
    expect(summary.endsWith('word…')).toBe(true);
  });
});
