import { describe, expect, it } from 'vitest';
import { leadingFact } from './sectionFacts.ts';

const section = (heading: string, text: string) => ({ source: 'docs/x.md', heading, trail: heading, text });

describe('a section’s leading fact', () => {
  it('is the command its heading names', () => {
    expect(leadingFact(section('The cluster: `npm run cluster`', 'Uses `deploy/nginx/`.'))).toBe('npm run cluster');
  });

  it('else the first command of its code blocks, comments left out', () => {
    const text = 'Every setting: `npm run env:example`.\n\n```sh\nnpm run cluster   # the topology\n```';
    expect(leadingFact(section('Deployment', text))).toBe('npm run cluster');
  });

  it('else the first repository path it names, in a code block or in prose, not a URL path or a bare folder', () => {
    expect(leadingFact(section('nginx', '`templates/` and `/api/`; `deploy/nginx/` is the configuration.'))).toBe(
      'deploy/nginx/',
    );
    expect(
      leadingFact(section('Kubernetes', '```sh\nkubectl apply -k deploy/kubernetes\n```\nThe `alphanest` namespace.')),
    ).toBe('deploy/kubernetes');
    expect(leadingFact(section('Limits', 'Messages per minute: `CHAT_RATE_PER_MINUTE`.'))).toBeUndefined();
  });
});
