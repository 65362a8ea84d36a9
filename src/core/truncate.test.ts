import { describe, expect, it } from 'vitest';
import { truncateAtCodePoint, truncateAtWord } from './truncate.ts';
import { hasUnsafeText } from './text.ts';

describe('truncateAtWord', () => {
  it('keeps text that fits', () => {
    expect(truncateAtWord('short enough', 12)).toBe('short enough');
    expect(truncateAtWord('', 5)).toBe('');
  });

  it('cuts at the last whole word and marks the cut, within the length', () => {
    expect(truncateAtWord('the quick brown fox jumps', 16)).toBe('the quick brown…');
    expect(truncateAtWord('the quick brown fox jumps', 15)).toBe('the quick…');
    const long = truncateAtWord(`${'word '.repeat(100)}end`, 220);
    expect(long.length).toBeLessThanOrEqual(220);
    expect(long).toMatch(/^(word ){43}word…$/);
  });

  it('breaks at any whitespace and leaves no dangling punctuation before the ellipsis', () => {
    expect(truncateAtWord('first line,\nsecond line', 16)).toBe('first line…');
    expect(truncateAtWord('prices fell - sharply today', 16)).toBe('prices fell…');
  });

  it('cuts inside a word that would otherwise leave a stub', () => {
    expect(truncateAtWord('see https://example.com/a/very/long/path', 20)).toBe('see https://example…');
    expect(truncateAtWord('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('never cuts an emoji (a surrogate pair) in half when the cut falls on it', () => {
    // 138 + 1 would end on the first half of the rocket: the whole rocket goes instead.
    const rockets = truncateAtWord(`${'w'.repeat(138)}${'🚀'.repeat(5)}`, 140);
    expect(rockets).toBe(`${'w'.repeat(138)}…`);
    expect(hasUnsafeText(rockets)).toBe(false);
    // Just before the pair, the whole emoji fits.
    expect(truncateAtWord(`${'w'.repeat(137)}${'🚀'.repeat(5)}`, 140)).toBe(`${'w'.repeat(137)}🚀…`);
    expect(truncateAtWord('🚀'.repeat(10), 6)).toBe('🚀🚀…');
    expect(truncateAtWord('a 🚀🚀 b', 5)).toBe('a 🚀…');
  });
});

describe('truncateAtCodePoint', () => {
  it('keeps text that fits and cuts longer text at the length', () => {
    expect(truncateAtCodePoint('short', 5)).toBe('short');
    expect(truncateAtCodePoint('longer text', 6)).toBe('longer');
    expect(truncateAtCodePoint('anything', 0)).toBe('');
  });

  it('cuts one unit short rather than between the halves of an emoji', () => {
    expect(truncateAtCodePoint('ab🚀c', 3)).toBe('ab');
    expect(truncateAtCodePoint('ab🚀c', 4)).toBe('ab🚀');
    expect(truncateAtCodePoint('🚀'.repeat(3), 5)).toBe('🚀🚀');
  });
});
