import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './sentiment.ts';

const score = (text: string, title?: string, prior = 0) => scoreSentiment(title, text, { prior }).score;
const label = (text: string, title?: string, prior = 0) => scoreSentiment(title, text, { prior }).label;

describe('sentiment rules around a term', () => {
  it('counts a hedged clause half', () => {
    expect(Math.abs(score('The token could crash.'))).toBeLessThan(Math.abs(score('The token will crash.')));
    expect(label('If core CPI comes in low, ETH squeezes hard.')).toBe('neutral');
  });

  it('weighs what follows a turn over what precedes it, and a concession less', () => {
    expect(label('Coinbase lists the token, but traders dump it within minutes.')).toBe('bearish');
    expect(score('The rally stalls despite record inflows.')).toBeLessThan(score('The rally gets record inflows.'));
  });

  it('reads a lifted burden as good news, active or passive, and the verb as no fall', () => {
    expect(label('Nigeria drops tax evasion charges against the exchange.')).toBe('bullish');
    expect(label('The charges against the founder were dropped.')).toBe('bullish');
    expect(label('Team delays its token unlock by a year.')).toBe('bullish');
    expect(label('The exchange will delist the token and end trading on Friday.')).toBe('bearish');
    expect(label('Bitstamp keeps XRP as the delisting review ends.')).not.toBe('bearish');
  });

  it('turns round a move of a macro quantity', () => {
    expect(label('The dollar index falls to a three-year low.')).toBe('bullish');
    expect(label('Treasury yields climb to 5%.')).toBe('bearish');
    expect(label('Bitcoin falls to a three-year low.')).toBe('bearish');
  });

  it('reads a move stated in figures as the market verdict', () => {
    expect(score('ALCX rose 11% on the news.')).toBeGreaterThan(score('ALCX rose on the news.'));
  });

  it('reads a market that shrugged as weak news, unless a move is stated', () => {
    expect(label('BNB was little changed.', 'Court sentences Binance founder')).toBe('neutral');
    expect(label('BNB was little changed, then fell 9%.', 'Court sentences Binance founder')).toBe('bearish');
  });

  it('weighs theft little once the funds came back, and drops the loss an event assumes', () => {
    expect(label('The attacker sent back 90% of the stolen ETH; ALCX rose 11%.', 'Exploiter returns $9M', -1)).toBe(
      'bullish',
    );
    expect(label('The attacker drained $9M in ETH.', 'Protocol exploited', -1)).toBe('bearish');
  });
});
