import { describe, expect, it } from 'vitest';
import { splitWords } from './splitWords.ts';

describe('splitWords', () => {
  it('keeps tickers and names as written, lower-cased without a cashtag or possessive', () => {
    expect(splitWords("Ethena's USDe, $BTC and U.S. sell-off_").map((w) => [w.raw, w.lower, w.possessive])).toEqual([
      ['Ethena', 'ethena', true],
      ['USDe', 'usde', false],
      ['$BTC', 'btc', false],
      ['and', 'and', false],
      ['U.S', 'u.s', false],
      ['sell', 'sell', false],
      ['off', 'off', false],
    ]);
  });

  it('marks where clauses and sentences end', () => {
    const words = splitWords('No hack, but funds moved. New line\nnext');
    expect(words.map((w) => w.boundaryAfter)).toEqual([false, true, false, false, true, false, true, true]);
    expect(words.map((w) => w.sentenceEndAfter)).toEqual([false, false, false, false, true, false, true, true]);
  });

  it('keeps a number\'s thousands separators in it: no clause ends inside "2,000"', () => {
    expect(splitWords('bought 2,000 ETH for $1,250,000.5; in 2024, 100 left').map((w) => w.raw)).toEqual([
      'bought',
      '2,000',
      'ETH',
      'for',
      '$1,250,000.5',
      'in',
      '2024',
      '100',
      'left',
    ]);
    expect(splitWords('bought 2,000 ETH')[1]!.boundaryAfter).toBe(false);
  });
});
