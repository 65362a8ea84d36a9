import { describe, expect, it } from 'vitest';
import { excerptFor } from './excerpt.ts';

describe('excerpt of a long section', () => {
  const table = [
    '| variable | meaning |',
    '|---|---|',
    ...Array.from({ length: 40 }, (_, i) => `| \`SETTING_${i}\` | tunes part ${i} of the engine |`),
    '| `CACHE_URL` | Redis master; unset: in-process cache |',
  ];
  const text = table.join('\n');

  it('keeps a short section whole', () => {
    expect(excerptFor('one line', 'anything', 100)).toBe('one line');
  });

  it('keeps the lines that answer the question, in order, marking what it left out', () => {
    const excerpt = excerptFor(text, 'Which variable points the cache at Redis?', 200);
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(excerpt).toContain('| `CACHE_URL` | Redis master; unset: in-process cache |');
    expect(excerpt.indexOf('| variable | meaning |')).toBeLessThan(excerpt.indexOf('CACHE_URL'));
    expect(excerpt).toContain('\n…\n');
  });

  it('falls back to the start when no line shares a word with the question', () => {
    const excerpt = excerptFor(text, 'zyxwv', 60);
    expect(excerpt.length).toBeLessThanOrEqual(60);
    expect(excerpt).toMatch(/^\| variable \| meaning \|.*…$/s);
  });
});
