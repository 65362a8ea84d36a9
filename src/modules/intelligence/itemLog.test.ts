import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createIntelligenceRepository } from './repository.ts';
import { toRow } from './mapping.ts';
import { ingestSchema } from './schemas.ts';
import { createItemLog } from './itemLog.ts';
import { createFeedCache } from './feedCache.ts';
import { createStoryIngest } from './storyIngest.ts';
import { createStoryRepository } from './storyRepository.ts';

describe('stream offsets on PostgreSQL under concurrent writers', () => {
  let ctx: AppContext;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres', env: { DATABASE_POOL_SIZE: '12' } });
  });
  afterAll(() => ctx?.close());

  it('become visible in offset order: a reader that sees offset N already sees every offset below it', async () => {
    const repository = createIntelligenceRepository(ctx.db, ctx.metrics);
    const log = createItemLog(ctx.db, ctx.metrics);
    const item = (n: number) =>
      ingestSchema.parse({ type: 'news', title: `concurrent ${n}`, source: { name: 'test' } });
    const row = (n: number) => toRow(item(n));
    // Two ingest doors, as two nodes: each hands out the offsets of a batch itself, after the counter it locked.
    const doors = [0, 1].map(() =>
      createStoryIngest({
        stories: createStoryRepository(ctx.db, ctx.metrics),
        feedCache: createFeedCache(ctx),
        publish: async () => {},
      }),
    );
    let writing = true;
    const snapshots: number[][] = [];
    const reader = (async () => {
      while (writing) {
        const latest = await log.latest();
        snapshots.push((await log.read(0, latest, 10_000)).map((item) => item.offset));
      }
    })();
    // Ten writers at once, single inserts, bulk inserts and agents' batches mixed, as several nodes and agents would write.
    await Promise.all(
      Array.from({ length: 10 }, async (_, writer) => {
        for (let i = 0; i < 20; i++) {
          const n = writer * 1_000 + i * 10;
          if (i % 5 === 0) await repository.insertMany([row(n), row(n + 1), row(n + 2)]);
          else if (i % 5 === 1) await doors[writer % 2]!.many([item(n), item(n + 1), item(n + 2)]);
          else await repository.insert(row(n));
        }
      }),
    );
    writing = false;
    await reader;

    const all = (await log.read(0, Number.MAX_SAFE_INTEGER, 10_000)).map((item) => item.offset);
    expect(all).toHaveLength(10 * (12 + 4 * 3 + 4 * 3));
    expect(new Set(all).size).toBe(all.length);
    expect(snapshots.length).toBeGreaterThan(5);
    for (const seen of snapshots) {
      const upTo = seen.at(-1) ?? 0;
      expect(seen).toEqual(all.filter((offset) => offset <= upTo));
    }
  });
});
