import { describe, expect, it } from 'vitest';
import { docEntries } from './docEntries.ts';
import { splitSections } from './docSections.ts';

describe('doc entries', () => {
  const [configuration] = splitSections(
    'README.md',
    [
      '# Product',
      '## Configuration',
      'Read from the environment.',
      '',
      '| variable | default | meaning |',
      '|---|---|---|',
      '| `CACHE_URL` | — | Redis master |',
      '| `PORT` / `HOST` | `8000` / `0.0.0.0` | the address |',
      '| `migrate` | applies migrations |',
    ].join('\n'),
  );

  it('gives the section, then each body row of its tables on its own, settings with their variables', () => {
    const entries = docEntries([configuration!]);
    expect(entries.map((e) => e.section)).toEqual([configuration, configuration, configuration, configuration]);
    expect(entries.map((e) => e.setting)).toEqual([
      undefined,
      { variables: ['CACHE_URL'], defaultValue: '—', meaning: 'Redis master' },
      { variables: ['PORT', 'HOST'], defaultValue: '`8000` / `0.0.0.0`', meaning: 'the address' },
      undefined,
    ]);
  });

  it('indexes a row with its section’s trail and its variables’ words', () => {
    expect(docEntries([configuration!])[1]!.text).toBe(
      'Product › Configuration CACHE URL CACHE URL `CACHE_URL` — Redis master',
    );
  });
});
