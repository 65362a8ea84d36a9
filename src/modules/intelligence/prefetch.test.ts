import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { seedDemo } from './demo.ts';
import { createSimulatedPrices } from '../market/simulatedPrices.ts';
import { createFeedCache } from './feedCache.ts';
import { toRow } from './mapping.ts';
import { createIntelligenceRepository, type FeedWindow, type IntelligenceRepository } from './repository.ts';
import { feedQuerySchema, ingestSchema, type FeedPage } from './schemas.ts';
import { createIntelligenceService, type IntelligenceService } from './service.ts';
import { createStoryRepository } from './storyRepository.ts';
import { createTokenFilterKey } from './tokenFilterKey.ts';
import { createTokenRegistry } from '../tokens/index.ts';

/**
 * Which page misses start a prefetch. Every feed query goes through a counting
 * repository; a prefetch starts on the turn of the event loop after the miss,
 * so one more turn is enough to see whether it asked for a page.
 */
describe('feed prefetch', () => {
  let ctx: AppContext;
  let service: IntelligenceService;
  /** Offsets of every list query, in the order they were asked. */
  const offsets: number[] = [];
  /** Queries at these offsets wait until released. */
  const held = new Map<number, () => void>();

  const page = async (query: Record<string, string | string[]>) =>
    JSON.parse(await service.feedPage(feedQuerySchema.parse(query))) as FeedPage;

  beforeAll(async () => {
    ctx = await createTestContext();
    const real = createIntelligenceRepository(ctx.db, ctx.metrics);
    await seedDemo(real, createSimulatedPrices(createTokenRegistry()), 120);
    for (let i = 0; i < 10; i++) {
      await real.insert(
        toRow(
          ingestSchema.parse({
            type: 'news',
            title: `Long read ${i}`,
            content: 'x'.repeat(50_000),
            source: { name: 'longreads' },
            agent_id: 'longreads',
          }),
        ),
      );
    }
    const repository: IntelligenceRepository = {
      ...real,
      async list(filter, window: FeedWindow) {
        const offset = 'offset' in window ? window.offset : -1;
        offsets.push(offset);
        if (held.has(offset))
          await new Promise<void>((release) =>
            held.set(offset, () => {
              held.delete(offset);
              release();
            }),
          );
        return real.list(filter, window);
      },
    };
    service = createIntelligenceService({
      repository,
      feedCache: createFeedCache(ctx),
      stories: createStoryRepository(ctx.db, ctx.metrics),
      bus: ctx.bus,
      logger: ctx.logger,
      tokenFilterKey: createTokenFilterKey(createTokenRegistry()),
    });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /**
   * Runs `act` and returns the offsets queried by it and by whatever it started: by the end of every
   * prefetch, or, while a test holds one, by the next turn of the event loop (when a miss starts its prefetch).
   */
  async function queried(
    act: () => Promise<unknown>,
    until: 'prefetches ended' | 'prefetches started' = 'prefetches ended',
  ): Promise<number[]> {
    const from = offsets.length;
    await act();
    await (until === 'prefetches ended' ? service.prefetched() : new Promise((resolve) => setImmediate(resolve)));
    return offsets.slice(from);
  }

  it('prefetches the next three pages after a miss on a small page', async () => {
    const from = offsets.length;
    await page({ size: '5', type: 'onchain' });
    await expect.poll(() => offsets.slice(from)).toEqual([0, 5, 10, 15]);
  });

  it('answers a miss with one query and prefetches only once the answer is out', async () => {
    let answered: (() => void) | undefined;
    const from = offsets.length;
    const body = await service.feedPage(feedQuerySchema.parse({ size: '4', sentiment: 'bullish' }), (prefetch) => {
      answered = prefetch;
    });
    expect((JSON.parse(body) as FeedPage).items).toHaveLength(4);
    await new Promise((resolve) => setImmediate(resolve));
    expect(offsets.slice(from)).toEqual([0]);
    answered!();
    await service.prefetched();
    expect(offsets.slice(from)).toEqual([0, 4, 8, 12]);
  });

  it('caches one page for equal selections however they are written, and another for other filters', async () => {
    const bearish = { size: '5', token: 'ETH,BTC', sentiment: 'bearish' };
    expect(await queried(() => page(bearish))).not.toEqual([]);
    expect(await queried(() => page({ ...bearish, token: ['bitcoin', 'eth', '$ETH'] }))).toEqual([]);
    expect(await queried(() => page({ ...bearish, sentiment: 'bearish,bullish' }))).not.toEqual([]);
    expect(await queried(() => page({ ...bearish, min_value: '40' }))).not.toEqual([]);
    expect(await queried(() => page({ ...bearish, event: 'hack' }))).not.toEqual([]);
  });

  it('does not prefetch after a keyword page', async () => {
    expect(await queried(async () => expect((await page({ size: '2', keyword: 'ETF' })).has_more).toBe(true))).toEqual([
      0,
    ]);
  });

  it('neither caches nor prefetches a query with since', async () => {
    const query = { size: '5', since: '2020-01-01T00:00:00Z' };
    expect(await queried(async () => expect((await page(query)).has_more).toBe(true))).toEqual([0]);
    expect(await queried(() => page(query))).toEqual([0]);
  });

  it('does not prefetch after a page over 256 KiB', async () => {
    expect(
      await queried(async () => expect((await page({ size: '6', agent: 'longreads' })).has_more).toBe(true)),
    ).toEqual([0]);
  });

  it('runs one prefetch chain at a time for a query and page size', async () => {
    held.set(25, () => {}); // the chain after page 5 stops at its first page (offset 25) until released
    expect(await queried(() => page({ size: '5', type: 'news', page: '5' }), 'prefetches started')).toEqual([20, 25]);
    // Another miss of the same family while that chain runs starts no second chain.
    expect(await queried(() => page({ size: '5', type: 'news', page: '10' }), 'prefetches started')).toEqual([45]);
    const from = offsets.length;
    held.get(25)!();
    await expect.poll(() => offsets.slice(from)).toEqual([30, 35]);
  });
});
