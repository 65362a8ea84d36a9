import { describe, expect, it } from 'vitest';
import { httpLink, httpUrlSchema } from './httpUrl.ts';

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

describe('httpLink', () => {
  it('resolves a relative link against its document', () => {
    expect(httpLink('/post/1', 'https://blog.example/feed.xml')).toBe('https://blog.example/post/1');
  });

  it('drops links a reader must not follow', () => {
    expect(httpLink('javascript:alert(1)', 'https://blog.example/feed.xml')).toBeNull();
    expect(httpLink('mailto:a@b.c', 'https://blog.example/feed.xml')).toBeNull();
    expect(httpLink(null, 'https://blog.example/feed.xml')).toBeNull();
  });
});
