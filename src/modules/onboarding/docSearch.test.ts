import { describe, expect, it } from 'vitest';
import { splitSections } from './docSections.ts';
import { createDocSearch } from './docSearch.ts';

describe('doc search', () => {
  const rows = Array.from({ length: 30 }, (_, i) => `| \`SETTING_${i}\` | \`${i}\` | tunes part ${i} of the engine |`);
  const sections = splitSections(
    'README.md',
    [
      '# Product',
      '## Configuration',
      '| variable | default | meaning |',
      '|---|---|---|',
      ...rows.slice(0, 15),
      '| `CACHE_URL` | — | Redis master (writes, locks). Unset: in-process cache. |',
      '| `DATABASE_URL` | — | PostgreSQL; unset: PGlite |',
      ...rows.slice(15),
      '## Scaling out',
      'Several nodes share Redis: set up Redis once, and every node finds Redis there.',
      '## Kubernetes',
      'A deployment of the gateway on Kubernetes.',
      '# Deployment',
      '## Proxy',
      '| variable | default | meaning |',
      '|---|---|---|',
      '| `TRUST_PROXY` | `false` | who may name the client address, a hop count (`1` behind one nginx) |',
      '## nginx',
      '`deploy/nginx/` is the configuration every way of running the product uses: templates, snippets and TLS,',
      'rendered with addresses and ports, in front of the gateways, the tool server and the dashboard, which it',
      'reaches by their names; it adds the client address to the headers it forwards and keeps WebSockets open.',
    ].join('\n'),
  );
  const search = createDocSearch(sections);

  it('leads with the setting a question asks about and puts its section first, not a section full of the word', () => {
    const { sections: found, settings } = search('how do I set up redis', 2);
    expect(settings.map((s) => s.setting.variables)).toEqual([['CACHE_URL']]);
    expect(found.map((f) => f.section.heading)).toEqual(['Configuration', 'Scaling out']);
  });

  it('reads the words people type: postgres for PostgreSQL, a letter off', () => {
    expect(search('use postgress instead of pglite', 1).settings[0]?.setting.variables).toEqual(['DATABASE_URL']);
    expect(search('kubernetes deploymnet', 1).sections[0]?.section.heading).toBe('Kubernetes');
  });

  it('leads with no setting when a section answers', () => {
    expect(search('kubernetes', 3).settings).toEqual([]);
  });

  it('puts a section whose heading the question names before a row that mentions it, and leads with what it names', () => {
    const answer = search('how do I deploy behind nginx', 2);
    expect(answer.sections[0]?.section.heading).toBe('nginx');
    expect(answer.guides.map(({ fact }) => fact)).toEqual(['deploy/nginx/']);
  });
});
