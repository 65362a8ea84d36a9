import { describe, expect, it } from 'vitest';
import { truncateAtWord } from './truncate.ts';

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
});
