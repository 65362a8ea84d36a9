import { describe, expect, it } from 'vitest';
import { createPhraseMatcher } from './phraseMatcher.ts';
import { splitWords } from './splitWords.ts';

const matcher = createPhraseMatcher<string>([
  ['pump*', 'pump'],
  ['pump and dump', 'scheme'],
  ['invest*', 'invest'],
  ['investor*', 'investor'],
  ['rate cut*', 'cut'],
]);
const found = (text: string) => matcher.match(splitWords(text)).map((m) => m.value);

describe('phrase matcher', () => {
  it('matches prefixes and prefers the longest phrase', () => {
    expect(found('It pumped, then a pump and dump')).toEqual(['pump', 'scheme']);
  });

  it('prefers the more specific prefix of equal length', () => {
    expect(found('investors invest')).toEqual(['investor', 'invest']);
  });

  it('does not match a phrase across a clause break', () => {
    expect(found('rate, cuts')).toEqual([]);
    expect(found('rate cuts')).toEqual(['cut']);
  });
});
