import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { valueList, wordList } from './listParameter.ts';

describe('list parameters', () => {
  const types = wordList(['news', 'twitter']);
  const tokens = valueList(z.string().max(10, 'at most 10 characters'), 3);

  it('take one value, repeats or commas, sorted and without repeats', () => {
    expect(types.parse(['twitter,news', 'news'])).toEqual(['news', 'twitter']);
    expect(tokens.parse('eth, btc,eth')).toEqual(['btc', 'eth']);
  });

  it('take words in any letter case, as their canonical lower-case selves', () => {
    expect(types.parse('News,TWITTER,twitter')).toEqual(['news', 'twitter']);
    expect(types.safeParse('Telegram').error!.issues[0]!.message).toBe(
      '"Telegram" is not allowed: one or more of news, twitter',
    );
  });

  it('quote a refused value briefly, however long it is', () => {
    const long = 'x'.repeat(5_000);
    const word = types.safeParse(long).error!.issues[0]!.message;
    expect(word).toMatch(/^"x{59}…" is not allowed: one or more of news, twitter$/);
    const value = tokens.safeParse(long).error!.issues[0]!.message;
    expect(value).toMatch(/^"x{59}…": at most 10 characters$/);
    expect(tokens.safeParse('dogwifhat-and-more').error!.issues[0]!.message).toBe(
      '"dogwifhat-and-more": at most 10 characters',
    );
  });
});
