import { describe, expect, it } from 'vitest';
import { httpUrlSchema } from './httpUrl.ts';

describe('httpUrlSchema', () => {
  it('accepts http and https URLs', () => {
    expect(httpUrlSchema.parse('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(httpUrlSchema.parse('http://localhost:3000/x')).toBe('http://localhost:3000/x');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com/f', 'example.com'])(
    'refuses %s, saying why',
    (value) => {
      expect(httpUrlSchema.safeParse(value).error?.issues[0]?.message).toBe('must be an http(s) URL');
    },
  );
});
