import { describe, expect, it } from 'vitest';
import { createBm25Index } from './bm25.ts';
import { terms } from './searchTerms.ts';

const docs = [
  'Redis caches feed pages; set CACHE_URL to the Redis master.',
  'PostgreSQL stores everything. Set DATABASE_URL. PostgreSQL, PostgreSQL and PostgreSQL again.',
  'Tokens: the token command prints a JWT signed with the dev key.',
  `${'A very long section about many unrelated things '.repeat(20)}that mentions redis once.`,
];

describe('BM25 retrieval', () => {
  const index = createBm25Index(docs, (d) => d);

  it('folds case, plurals and stop words into the same terms', () => {
    expect(terms('How do I create the Tokens, seeding?')).toEqual(['create', 'token', 'seed']);
  });

  it('ranks the focused section above a long one that mentions the term in passing', () => {
    const hits = index.search('redis cache', 4);
    expect(hits.map((h) => docs.indexOf(h.doc))).toEqual([0, 3]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('saturates repeated terms instead of counting them linearly', () => {
    const [hit] = index.search('postgresql', 1);
    expect(docs.indexOf(hit!.doc)).toBe(1);
    expect(hit!.score).toBeLessThan(2.2 * index.search('jwt', 1)[0]!.score);
  });

  it('returns nothing for a question that shares no term with the docs', () => {
    expect(index.search('what is the weather on mars', 3)).toEqual([]);
  });
});
