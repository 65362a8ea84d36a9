import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestContext } from '../../../test/support/context.ts';
import { createIntelligence } from '../../../test/support/modules.ts';
import type { AppContext } from '../../core/context.ts';
import { createSimulatedPrices } from '../market/simulatedPrices.ts';
import { createOsintQueries } from '../osint/queries.ts';
import { createTokenRegistry } from '../tokens/index.ts';
import { demoItems, seedDemo } from './demo.ts';
import { createIntelligenceRepository, type IntelligenceRepository } from './repository.ts';
import { type FeedPage, feedQuerySchema } from './schemas.ts';
import type { NewIntelligenceRow } from './table.ts';

const NOW = new Date('2026-02-10T12:00:00Z');
const HOUR = 3_600_000;
const market = createSimulatedPrices(createTokenRegistry());

interface Pipeline {
  sources: Array<{ type: string; kinds?: string[] }>;
  thresholds?: { events?: string[]; min_abs_sentiment?: number; require_tokens?: boolean };
}
const pipelines = (
  JSON.parse(readFileSync(new URL('../../../config/agents.json', import.meta.url), 'utf8')) as {
    agents: Record<string, Pipeline>;
  }
).agents;

describe('the demo feed', () => {
  it('holds what the shipped agents would keep: each item from its agent’s replay kinds and within its thresholds', () => {
    const items = demoItems(market, NOW);
    expect(items.length).toBeGreaterThan(900);
    for (const item of items) {
      const pipeline = pipelines[item.agent_id]!;
      const kinds = pipeline.sources.find((s) => s.type === 'replay')?.kinds;
      const { events, min_abs_sentiment = 0, require_tokens = false } = pipeline.thresholds ?? {};
      if (kinds) expect(kinds, item.title).toContain(item.type);
      if (events) expect(events, item.title).toContain(item.event?.type);
      expect(Math.abs(item.sentiment.score), item.title).toBeGreaterThanOrEqual(min_abs_sentiment);
      if (require_tokens) expect(item.tokens.length, item.title).toBeGreaterThan(0);
      expect(item.summary).not.toBe(item.title);
    }
  });

  it('ends at the moment it is seeded', () => {
    const items = demoItems(market, NOW);
    const newest = Date.parse(items.at(-1)!.published_at!);
    expect(newest).toBeLessThan(NOW.getTime());
    expect(newest).toBeGreaterThan(NOW.getTime() - HOUR);
    expect(demoItems(market, NOW, 50)).toEqual(items.slice(-50));
  });

  it('tells the same stories under the same ids within the hour, adding only what came due', () => {
    const key = (item: { agent_id: string; external_id?: string }) => `${item.agent_id} ${item.external_id}`;
    const earlier = demoItems(market, new Date(NOW.getTime() + 20 * 60_000));
    const later = demoItems(market, new Date(NOW.getTime() + 40 * 60_000));
    expect(later.slice(0, earlier.length)).toEqual(earlier);
    const due = later.slice(earlier.length);
    for (const item of due) expect(Date.parse(item.published_at!)).toBeGreaterThanOrEqual(NOW.getTime() + 20 * 60_000);
    expect(new Set(later.map(key)).size).toBe(later.length);
  });
});

describe('seeding the demo feed', () => {
  it('folds every outlet repeating a story into the story’s item, however reworded', async () => {
    let stored: NewIntelligenceRow[] = [];
    const repository = {
      async insertMany(rows: NewIntelligenceRow[]) {
        stored = rows;
        return rows.length;
      },
    };
    await seedDemo(repository as unknown as IntelligenceRepository, market, undefined, NOW);
    const headline = (title: string) => title.replace(/^(Breaking|BREAKING|JUST IN): |^🚨 /, '');
    const seen = new Map<string, number>();
    for (const row of stored) {
      const at = row.publishedAt!.getTime();
      const before = seen.get(headline(row.title));
      // The same headline again within hours is an echo that failed to fold (a story retold days later is news again).
      if (before !== undefined) expect(at - before, row.title).toBeGreaterThan(6 * HOUR);
      seen.set(headline(row.title), at);
      expect(new Set([row.sourceName, ...(row.sources ?? []).map((s) => s.name)]).size, row.title).toBe(
        row.sourceCount,
      );
    }
    expect(stored.filter((row) => (row.sourceCount ?? 1) > 1).length).toBeGreaterThan(40);
  });
});

describe.each(backends)('the demo feed seeded on %s', (backend) => {
  let ctx: AppContext;
  let intelligence: Awaited<ReturnType<typeof createIntelligence>>;
  let created: number;

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    intelligence = await createIntelligence(ctx);
    created = await seedDemo(createIntelligenceRepository(ctx.db, ctx.metrics), market, undefined, NOW);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const page = async (query: Record<string, string>) =>
    JSON.parse(await intelligence.service.feedPage(feedQuerySchema.parse(query))) as FeedPage;

  it('folds the outlets repeating a story into its item, and a second seeding stores nothing', async () => {
    expect(await intelligence.count()).toBe(created);
    expect(created).toBeLessThan(demoItems(market, NOW).length);
    const folded = (await page({ size: '100', high_value: 'true' })).items.filter((i) => i.source_count > 1);
    expect(folded.length).toBeGreaterThan(5);
    for (const item of folded) expect(new Set(item.sources.map((s) => s.name)).size).toBe(item.source_count);
    expect(await seedDemo(createIntelligenceRepository(ctx.db, ctx.metrics), market, undefined, NOW)).toBe(0);
  });

  it('serves a fresh feed whose high-value page carries hacks and listings', async () => {
    const newest = (await page({ size: '20' })).items;
    expect(Date.parse(newest[0]!.published_at)).toBeGreaterThan(NOW.getTime() - HOUR);
    const strong = (await page({ size: '50', high_value: 'true' })).items;
    expect(strong.some((i) => i.event?.type === 'hack')).toBe(true);
    expect(strong.some((i) => i.event?.type === 'listing')).toBe(true);
  });

  it('gives osint.discover_coins a few genuinely rising tokens, not majors, stablecoins or everything "first seen"', async () => {
    const osint = createOsintQueries(intelligence.mentions, () => NOW);
    for (const window of [24 * HOUR, 7 * 24 * HOUR]) {
      const { tokens } = await osint.discoverCoins(window, 2, 10);
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      for (const never of ['BTC', 'ETH', 'USDT', 'USDC']) expect(tokens.map((t) => t.token)).not.toContain(never);
      expect(tokens.filter((t) => t.first_seen).length).toBeLessThanOrEqual(tokens.length / 2);
      expect(tokens[0]!.velocity).toBeGreaterThanOrEqual(3);
    }
  });
});
