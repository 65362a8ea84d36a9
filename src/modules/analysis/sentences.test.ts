import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';

describe('sentences', () => {
  it('splits at stops before a capital, a figure or a cashtag, and at line breaks', () => {
    expect(splitSentences('SUI fell 7%. $ETH held. 3 wallets moved!\nNew line here').map((s) => s.text)).toEqual([
      'SUI fell 7%.',
      '$ETH held.',
      '3 wallets moved!',
      'New line here',
    ]);
  });

  it('does not split after abbreviations or inside figures', () => {
    expect(
      splitSentences('U.S. customers can buy it from Acme Inc. Today. Price is $0.030 vs. $0.023 yesterday.').map(
        (s) => s.text,
      ),
    ).toEqual(['U.S. customers can buy it from Acme Inc. Today.', 'Price is $0.030 vs. $0.023 yesterday.']);
  });

  it('gives offsets into the text', () => {
    const text = '  First one.  Second one.';
    for (const sentence of splitSentences(text)) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });
});
