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

  it('reads a row of the secrets store’s table (`| path | fields | … |`) as an entry and its fields', () => {
    const [store] = splitSections(
      'docs/secrets.md',
      [
        '## What the platform reads',
        '| path | fields | used by |',
        '|---|---|---|',
        '| `openai` | `api_key`, `base_url?` | the chat |',
        '| `database` (`supabase`) | `url` | the pool |',
      ].join('\n'),
    );
    expect(docEntries([store!]).map((e) => [e.kind, e.secret])).toEqual([
      ['section', undefined],
      ['row', { path: 'openai', fields: ['api_key', 'base_url'] }],
      ['row', { path: 'database', fields: ['url'] }],
    ]);
  });
});
