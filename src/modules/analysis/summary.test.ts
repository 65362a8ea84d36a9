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

  it("gives the gist of a transfer alert that says nothing more, not the analyser's account", () => {
    const gist = (text: string, title?: string) => summarise(title, text, 'Market news on Bitcoin (BTC).');
    expect(gist('🚨 3,895 #BTC transferred from unknown wallet to #OKX')).toBe('3,895 BTC moved into OKX.');
    expect(gist('🚨 3,895 #BTC transferred from unknown wallet to #OKX', 'Whale Alert: 3,895 BTC moved to OKX')).toBe(
      '3,895 BTC moved into OKX.',
    );
    expect(gist('💸 25,000,000 #XRP (52,750,000 USD) transferred from #Binance to unknown wallet')).toBe(
      '25,000,000 XRP (52,750,000 USD) moved out of Binance.',
    );
    expect(gist('🚨 1,500 #ETH transferred from unknown wallet to unknown wallet')).toBe(
      '1,500 ETH moved between unknown wallets.',
    );
    expect(gist('🚨 500 #BTC transferred from #Bitfinex to #Kraken')).toBe('500 BTC moved from Bitfinex to Kraken.');
    expect(
      gist('🚨 Stolen funds on the move: 3,000 ETH transferred from Bybit exploiter to unknown wallet 0x4766'),
    ).toBe('3,000 ETH moved from Bybit exploiter to an unknown wallet.');
    // A hashtag that ends a sentence as its word is kept, without its mark.
    expect(summarise('Whale moves', 'Fresh wallet sent 500 BTC to #Kraken. #Bitcoin #crypto', fallback)).toBe(
      'Fresh wallet sent 500 BTC to Kraken.',
    );
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
