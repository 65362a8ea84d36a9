import { describe, expect, it } from 'vitest';
import { excerptFor } from './excerpt.ts';
import { terms } from './searchTerms.ts';

/** A question's terms, each weighing 1. */
const asked = (question: string) => new Map(terms(question).map((term) => [term, 1]));

describe('excerpt of a long section', () => {
  const table = [
    '| variable | meaning |',
    '|---|---|',
    ...Array.from({ length: 40 }, (_, i) => `| \`SETTING_${i}\` | tunes part ${i} of the engine |`),
    '| `CACHE_URL` | Redis master; unset: in-process cache |',
  ];
  const text = table.join('\n');

  it('keeps a short section whole', () => {
    expect(excerptFor('one line', asked('anything'), 100)).toBe('one line');
  });

  it('keeps the lines that answer the question, in order, marking what it left out', () => {
    const excerpt = excerptFor(text, asked('Which variable points the cache at Redis?'), 200);
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(excerpt).toContain('| `CACHE_URL` | Redis master; unset: in-process cache |');
    expect(excerpt.indexOf('| variable | meaning |')).toBeLessThan(excerpt.indexOf('CACHE_URL'));
    expect(excerpt).toContain('\n…\n');
  });

  it('keeps a command split over lines whole', () => {
    const section = [
      ...table,
      'curl -X POST localhost:8000/api/v1/auth/token \\',
      '  -d \'{"account":"radar-bot","code":"123456"}\'',
    ].join('\n');
    expect(excerptFor(section, asked('which account code'), 200)).toMatch(
      /\ncurl -X POST localhost:8000\/api\/v1\/auth\/token \\\n {2}-d '\{"account"/,
    );
  });

  it('falls back to the start when no line shares a word with the question', () => {
    const excerpt = excerptFor(text, asked('zyxwv'), 60);
    expect(excerpt.length).toBeLessThanOrEqual(60);
    expect(excerpt).toMatch(/^\| variable \| meaning \|.*…$/s);
  });

  it('leaves out a line sharing only a word the search weighed little, and keeps the heaviest first', () => {
    const wanted = new Map([
      ['up', 0.3],
      ['redi', 1],
      ['cache_url', 10],
    ]);
    const excerpt = excerptFor(`${text}\n| \`TIMEOUT\` | gives up after 2 s |`, wanted, 120);
    expect(excerpt).toContain('`CACHE_URL`');
    expect(excerpt).not.toContain('gives up');
  });
});
