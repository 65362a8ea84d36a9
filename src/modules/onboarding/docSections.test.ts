import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocSections, splitSections } from './docSections.ts';

describe('doc sections', () => {
  const root = mkdtempSync(join(tmpdir(), 'alphanest-docs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('splits at headings, keeps the trail of parent headings, and ignores # lines in code', () => {
    const markdown = [
      'intro before any heading',
      '# Guide',
      'top text',
      '## Install',
      'run it',
      '```sh',
      '# not a heading',
      '```',
      '### Details',
      'more',
      '## Empty',
      '## Use',
      'call it',
    ].join('\n');
    expect(splitSections('README.md', markdown)).toEqual([
      { source: 'README.md', heading: 'Guide', trail: 'Guide', text: 'top text' },
      {
        source: 'README.md',
        heading: 'Install',
        trail: 'Guide › Install',
        text: 'run it\n```sh\n# not a heading\n```',
      },
      { source: 'README.md', heading: 'Details', trail: 'Guide › Install › Details', text: 'more' },
      { source: 'README.md', heading: 'Use', trail: 'Guide › Use', text: 'call it' },
    ]);
  });

  it('reads the README and every Markdown file under docs/', async () => {
    writeFileSync(join(root, 'README.md'), '# Product\n## Start\nnpm start\n');
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'b.md'), '# B\nabout b\n');
    writeFileSync(join(root, 'docs', 'a.md'), '# A\nabout a\n');
    writeFileSync(join(root, 'docs', 'notes.txt'), '# not markdown\n');
    const sections = await loadDocSections(pathToFileURL(`${root}/`));
    expect(sections.map((s) => `${s.source}#${s.heading}`)).toEqual(['README.md#Start', 'docs/a.md#A', 'docs/b.md#B']);
  });
});
