import { describe, expect, it } from 'vitest';
import { terms } from './searchTerms.ts';
import { withSynonyms } from './synonyms.ts';

describe('question synonyms', () => {
  it('searches an alias as the docs’ own word, a related word for less, and vague setup words for less still', () => {
    expect(Object.fromEntries(withSynonyms(terms('set up postgres')))).toEqual({
      set: 0.3,
      up: 0.3,
      postgre: 1,
      postgresql: 1,
      database: 0.6,
    });
  });

  it('keeps a word typed at its full weight when it is also another word’s synonym', () => {
    expect(withSynonyms(terms('redis cache'))).toEqual(
      new Map([
        [terms('redis')[0]!, 1],
        ['cache', 1],
      ]),
    );
  });
});
