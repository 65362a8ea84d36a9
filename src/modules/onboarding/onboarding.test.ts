import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createPlatform, type AlphaNest } from '../../platform.ts';
import { createFollowStore } from '../stream/followStore.ts';

const user = { sub: 'ada', role: 'user' as const };

describe('onboarding tools', () => {
  describe('on PostgreSQL and Redis', () => {
    let ctx: AppContext;
    let platform: AlphaNest;
    beforeAll(async () => {
      ctx = await createTestContext({ backend: 'postgres', redis: true });
      platform = await createPlatform(ctx);
    });
    afterAll(() => ctx?.close());

    it('answers from the README and docs/, naming the sections it used', async () => {
      const outcome = await platform.tools.registry.execute(
        'onboarding.help',
        { question: 'Which environment variable points the cache at Redis?', limit: 2 },
        { principal: null },
      );
      if (!outcome.ok) throw new Error(outcome.error.message);
      const { found, answer, sections } = outcome.result as {
        found: boolean;
        answer: string;
        sections: Array<{ source: string; trail: string; score: number }>;
      };
      expect(found).toBe(true);
      expect(sections.length).toBeGreaterThan(0);
      expect(sections.length).toBeLessThanOrEqual(2);
      expect(sections.every((s) => s.source === 'README.md' || s.source.startsWith('docs/'))).toBe(true);
      expect(answer).toContain('CACHE_URL');
      expect(answer).toContain(`## ${sections[0]!.trail} (${sections[0]!.source})`);
    });

    it('says so when nothing in the docs matches', async () => {
      const outcome = await platform.tools.registry.execute(
        'onboarding.help',
        { question: 'zyxwv qwertz' },
        { principal: null },
      );
      expect(outcome).toMatchObject({ ok: true, result: { found: false, sections: [] } });
    });

    it('is for signed-in users only', async () => {
      expect(await platform.tools.registry.execute('onboarding.checklist', {}, { principal: null })).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
    });

    it('reads each step from the running platform and the caller’s own data', async () => {
      const before = await platform.tools.registry.execute('onboarding.checklist', {}, { principal: user });
      if (!before.ok) throw new Error(before.error.message);
      const steps = Object.fromEntries(
        (before.result.steps as Array<{ id: string; done: boolean; how?: string }>).map((s) => [s.id, s]),
      );
      expect(steps).toMatchObject({
        token: { done: true },
        database: { done: true },
        cache: { done: true },
        bus: { done: false },
        intelligence: { done: false },
        follow_agents: { done: false },
      });
      expect(steps.signing_keys!.how).toMatch(/JWT_PUBLIC_FILE/);

      await platform.intelligence.seedDemo(5);
      await createFollowStore(ctx.db, ctx.metrics).follow('ada', 'listing-hunter');
      const after = await platform.tools.registry.execute('onboarding.checklist', {}, { principal: user });
      expect(after).toMatchObject({
        ok: true,
        result: { user: 'ada', completed: (before.result.completed as number) + 2 },
      });
    });
  });

  it('reports the embedded database and cache as not production-ready', async () => {
    const ctx = await createTestContext();
    try {
      const platform = await createPlatform(ctx);
      const outcome = await platform.tools.registry.execute('onboarding.checklist', {}, { principal: user });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const steps = outcome.result.steps as Array<{
        id: string;
        done: boolean;
        detail: string;
        required_for_production: boolean;
      }>;
      expect(steps.find((s) => s.id === 'database')).toMatchObject({
        done: false,
        detail: 'database: pglite',
        required_for_production: true,
      });
      expect(steps.find((s) => s.id === 'cache')).toMatchObject({ done: false, detail: 'cache: memory' });
    } finally {
      await ctx.close();
    }
  });
});
