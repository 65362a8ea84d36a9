import { describe, expect, it } from 'vitest';
import { publishRefusal } from './publishers.ts';

describe('who may publish as which agent', () => {
  it('lets an admin publish for any agent', () => {
    expect(publishRefusal({ sub: 'ops', role: 'admin' }, 'security-watch')).toBeNull();
  });

  it('binds an agent token to the agents its claim names', () => {
    const bound = { sub: 'radar', role: 'agent' as const, agents: ['news-sentiment-radar'] };
    expect(publishRefusal(bound, 'news-sentiment-radar')).toBeNull();
    expect(publishRefusal(bound, 'security-watch')).toMatch(/news-sentiment-radar only/);
  });

  it('keeps an agent token without the claim to the generic ingest agent', () => {
    const unbound = { sub: 'script', role: 'agent' as const };
    expect(publishRefusal(unbound, 'ingest')).toBeNull();
    expect(publishRefusal(unbound, 'listing-hunter')).toMatch(/as ingest only/);
  });
});
