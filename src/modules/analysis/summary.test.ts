import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';
import { repeats, summarise as summariseSentences } from './summary.ts';

const fallback = 'Exchange listing of Thena (THE) on Binance.';
const summarise = (title: string | undefined, text: string, otherwise: string) =>
  summariseSentences(title, splitSentences(text), otherwise);

describe('summary', () => {
  it('is the body that says more than the headline, not the headline again', () => {
    expect(
      summarise(
        'BREAKING: Binance will list Thena (THE) https://t.co/x',
        'Binance will list Thena (THE). Trading opens at 10:00 UTC against USDT and FDUSD; deposits are open now.',
        fallback,
      ),
    ).toBe('Trading opens at 10:00 UTC against USDT and FDUSD; deposits are open now.');
  });

  it('takes a second sentence when both fit', () => {
    expect(summarise('Cetus drained', 'The attacker faked pool prices. SUI fell 7%.', fallback)).toBe(
      'The attacker faked pool prices. SUI fell 7%.',
    );
  });

  it('skips the first sentence of an untitled post, which is its title, and advice to the reader', () => {
    expect(
      summarise(
        undefined,
        'A whale moved 12,000 BTC to Coinbase. Please stay safe. It had been dormant for 8 years. #BTC',
        fallback,
      ),
    ).toBe('It had been dormant for 8 years.');
  });

  it("falls back to the analyser's account when the body adds nothing", () => {
    expect(summarise(undefined, 'binance listing THE tomorrow', fallback)).toBe(fallback);
    expect(summarise('Binance will list Thena (THE)', 'Binance will list Thena (THE).', fallback)).toBe(fallback);
  });

  it('cuts long sentences at a word boundary', () => {
    const summary = summarise('Title', `${'word '.repeat(100)}end`, fallback);
    expect(summary.length).toBeLessThanOrEqual(220);
    expect(summary.endsWith('word…')).toBe(true);
  });

  it('reads a sentence as a repeat when the headline already has most of its words', () => {
    expect(repeats('Binance will list Thena (THE) today.', 'Binance Will List Thena (THE)')).toBe(true);
    expect(repeats('Trading opens at 10:00 UTC for THE/USDT.', 'Binance Will List Thena (THE)')).toBe(false);
  });
});
