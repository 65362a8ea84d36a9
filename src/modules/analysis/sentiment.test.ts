import { describe, expect, it } from 'vitest';
import { labelFor, scoreSentiment } from './sentiment.ts';

const label = (text: string, title?: string) => scoreSentiment(title, text).label;

describe('sentiment', () => {
  it('reads crypto market language', () => {
    expect(label('SEC approves spot ether ETFs')).toBe('bullish');
    expect(label('Binance will list the token, trading opens Tuesday')).toBe('bullish');
    expect(label('Bitcoin hits a new all-time high above $100,000')).toBe('bullish');
    expect(label('Protocol drained of $12M in flash loan exploit')).toBe('bearish');
    expect(label('Exchange will delist five tokens next week')).toBe('bearish');
    expect(label('Stablecoin depegs as liquidations cascade')).toBe('bearish');
    expect(label('Investors call it a rug pull after the team vanished')).toBe('bearish');
    expect(label('Bitcoin trades sideways as traders await CPI')).toBe('neutral');
  });

  it('flips what a negator reaches', () => {
    expect(label('The SEC has not approved any spot SOL ETF')).toBe('bearish');
    expect(label("The SEC didn't approve the filing")).toBe('bearish');
    expect(scoreSentiment(undefined, 'Binance denies reports that it was hacked').score).toBeGreaterThan(
      scoreSentiment(undefined, 'Binance confirms reports that it was hacked').score,
    );
    expect(label('Minister rules out a ban on bitcoin mining')).toBe('bullish');
    expect(label('Court dismisses the lawsuit against the exchange')).toBe('bullish');
  });

  it('stops negation at the end of a clause', () => {
    expect(label('No hack, but the bridge was drained of $80M')).toBe('bearish');
  });

  it('treats delaying or extending an unlock as good news', () => {
    expect(label('Team delays investor token unlock by six months')).toBe('bullish');
    expect(label('Aptos will unlock $100M of APT next week')).toBe('bearish');
  });

  it('reads price figures and intensifiers', () => {
    expect(label('Top gainers: THE +41%, ONE +22%')).toBe('bullish');
    expect(label('FET -14%, TAO -11%')).toBe('bearish');
    expect(Math.abs(scoreSentiment(undefined, 'massive exploit').score)).toBeGreaterThan(
      Math.abs(scoreSentiment(undefined, 'exploit').score),
    );
  });

  it('weighs a move stated as "up 4%" or "down 3%" like "rose 4%" or "fell 3%": the market\'s own verdict', () => {
    const score = (text: string) => scoreSentiment(undefined, text).score;
    expect(score('UNI up 4%')).toBe(score('UNI rose 4%'));
    expect(score('UNI down 3%')).toBe(score('UNI fell 3%'));
    // A fee a pool charges is no criminal charge, and the stated move is the verdict on the upgrade.
    expect(
      label(
        'Hooks let pools charge dynamic fees and shield LPs from sandwich attacks.',
        'Uniswap ships v4 hooks, UNI up 4%',
      ),
    ).not.toBe('bearish');
    expect(
      label('Uniswap v4 is live with hooks that let pools charge dynamic fees. UNI up 4%.', 'Uniswap ships v4 hooks'),
    ).toBe('bullish');
    expect(label('Prosecutors charge the founder with fraud')).toBe('bearish');
  });

  it('reads a move of another measure than the price as no price move', () => {
    const score = (text: string) => scoreSentiment(undefined, text).score;
    for (const text of ['Uniswap fees drop 40%', 'Fees on the DEX fell 40% in October', 'Aave TVL up 25%']) {
      expect(label(text)).toBe('neutral');
      expect(label('', text)).toBe('neutral');
    }
    expect(score('Ethereum open interest falls 20%')).toBe(0);
    expect(score('Bitcoin hashrate -10%, BTC supply +2%')).toBe(0);
    // The price's own move still is: past "and", "as" or "price" the figure is the price's.
    expect(label('UNI fell 40% after the fee vote')).toBe('bearish');
    expect(label('TVL hit a record and SOL rose 4%')).toBe('bullish');
    expect(score('ETH volume and price up 5%')).toBe(score('ETH up 5%'));
  });

  it('reads a settlement that costs an amount as no good news: at best mixed', () => {
    const title = 'Binance settles with DOJ for $4.3B';
    expect(label(title, title)).toBe('neutral');
    expect(
      label('Binance has agreed to pay $4.3 billion to settle with the US Department of Justice.', title),
    ).not.toBe('bullish');
    expect(label('The court dismissed the case and the parties settled.')).toBe('bullish');
  });

  it('weights the headline more than the body and adds the event prior', () => {
    const inTitle = scoreSentiment('Token surges', 'Details below.');
    const inBody = scoreSentiment('Details', 'Token surges.');
    expect(inTitle.score).toBeGreaterThan(inBody.score);
    expect(scoreSentiment(undefined, 'Trading opens tomorrow', { prior: 1.5 }).label).toBe('bullish');
  });

  it('keeps the score in [-1, 1] and labels by a neutral band', () => {
    const extreme = scoreSentiment(
      'Hack! Exploit! Drained! Stolen!',
      'hack exploit drained stolen rug pull scam collapse',
    );
    expect(extreme.score).toBeGreaterThanOrEqual(-1);
    expect(extreme.label).toBe('bearish');
    expect(labelFor(0.1)).toBe('neutral');
    expect(labelFor(0.3)).toBe('bullish');
    expect(labelFor(-0.3)).toBe('bearish');
  });
});
