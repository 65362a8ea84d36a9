import { describe, expect, it } from 'vitest';
import { letterPairs, mayMatch, requiredLiterals } from './literals.ts';

describe('requiredLiterals', () => {
  it('reads the runs every match holds, one per branch of an alternation', () => {
    expect(requiredLiterals(/\bwars?\b/i)).toEqual(['war']);
    expect(requiredLiterals(/\b(winning|losing|vs\.?)\b/i)).toEqual(['winning', 'losing', 'vs']);
    expect(requiredLiterals(/\bprices?\b|Quote/)).toEqual(['price', 'quote']);
    expect(requiredLiterals(/(?<=x)abc(?=d)/)).toEqual(['abc']);
  });

  it('gives nothing for what it does not read, or where a branch needs no literal', () => {
    expect(requiredLiterals(/(a|)/)).toBeUndefined();
    expect(requiredLiterals(/\k<x>(?<x>a)/)).toBeUndefined();
    expect(requiredLiterals(/price/u)).toBeUndefined();
    expect(requiredLiterals(/^\s*(?:\d+|[a-z]+)$/)).toBeUndefined();
  });
});

describe('mayMatch', () => {
  const patterns = [
    /\b(brief(ing)?|summar(y|ise|ize)|recap|tl;?dr)\b/i,
    /\b(spreads?|bid[/ -]?ask|order ?books?)\b/i,
    /\bhow (do|can) (i|we) (switch|move)\b/i,
    /\b(?:is|was|'s|did) \$?([a-z0-9]{2,24}) (?:trading|pump(?:ing|ed)?|up|down)\b/gi,
  ];
  const texts = ['spread for BTC/USDT', 'Give me a RECAP', 'tldr pls', 'is link pumping?', 'How can we move', 'hi'];

  it('says false only where the pattern cannot match', () => {
    const pairs = letterPairs();
    for (const text of texts) {
      pairs.read(text);
      for (const pattern of patterns) {
        pattern.lastIndex = 0;
        if (pattern.test(text)) expect(mayMatch(pattern)(pairs), `${pattern} on "${text}"`).toBe(true);
      }
    }
  });

  it('skips a pattern whose words the text lacks', () => {
    const pairs = letterPairs();
    pairs.read('what is the value of sol');
    expect(mayMatch(patterns[0]!)(pairs)).toBe(false);
    expect(mayMatch(patterns[1]!)(pairs)).toBe(false);
  });

  it("reads the text each reader last read: two planners do not see each other's messages", () => {
    const recap = mayMatch(patterns[0]!);
    const mine = letterPairs();
    const theirs = letterPairs();
    mine.read('Give me a RECAP');
    theirs.read('hi');
    expect([recap(mine), recap(theirs)]).toEqual([true, false]);
    mine.read('hi');
    theirs.read('Give me a RECAP');
    expect([recap(mine), recap(theirs)]).toEqual([false, true]);
  });
});
