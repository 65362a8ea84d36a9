import { describe, expect, it } from 'vitest';
import { bundledCalls, bundleOf, openBundle, textsInContent, titleOf } from './messageBundle.ts';
import type { StoredToolCall } from './schemas.ts';

const calls: StoredToolCall[] = [
  {
    name: 'arbitrage__spread',
    arguments: { symbol: 'BTC/USDT' },
    result: { spread: 0.4 },
    is_error: false,
    duration_ms: 1,
  },
  {
    name: 'echo',
    arguments: undefined,
    result: { code: 'x', message: 'a\u0000b "quoted"' },
    is_error: true,
    duration_ms: 2,
  },
];

describe('a message sealed as one value', () => {
  it('opens to the content and every call as they were (a left-out argument as null)', () => {
    const stored = bundledCalls(calls);
    expect(stored.every(textsInContent)).toBe(true);
    expect(openBundle(bundleOf('the answer\n', calls), stored, true)).toEqual({
      content: 'the answer\n',
      toolCalls: [calls[0], { ...calls[1], arguments: null }],
    });
  });

  it('leaves the results unread when they are not wanted', () => {
    const opened = openBundle(bundleOf('a', calls), bundledCalls(calls), false);
    expect(opened?.toolCalls.map((call) => [call.arguments, call.result])).toEqual([
      [{ symbol: 'BTC/USDT' }, null],
      [null, null],
    ]);
  });

  it('carries the title of a conversation’s first message, read from the same plaintext', () => {
    const first = bundleOf('spread for BTC/USDT', [], 'Spread for BTC/USDT');
    expect(openBundle(first, [], true)).toEqual({ content: 'spread for BTC/USDT', toolCalls: [] });
    expect(titleOf(first)).toBe('Spread for BTC/USDT');
  });

  it('is the content alone without calls or title, and tells a bundle from words, which never start with NUL', () => {
    expect(bundleOf('spread for BTC/USDT')).toBe('spread for BTC/USDT');
    expect(openBundle('spread for BTC/USDT', [], true)).toBeUndefined();
    expect(titleOf('An old title')).toBe('An old title');
    expect(textsInContent(calls[0]!)).toBe(false);
  });
});
