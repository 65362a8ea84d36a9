import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createBriefing, type BriefingBuilder } from './briefing.ts';
import { createBriefingReads } from './briefingReads.ts';
import { toRow } from './mapping.ts';
import { createMentionReads } from './mentionReads.ts';
import { createIntelligenceRepository } from './repository.ts';
import { ingestSchema } from './schemas.ts';
import { createTokenFilterKey } from './tokenFilterKey.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;

/** Windows at the edges: a window holds its start and not its end, as the feed's since and until do. */
describe('briefing windows', () => {
  let ctx: AppContext;
  let brief: BriefingBuilder;

  const item = (n: number, at: number, symbols: string[], value: number, summary: string | null = null) =>
    toRow(
      ingestSchema.parse({
        external_id: `edge-${n}`,
        type: 'news',
        title: `Story ${n}`,
        ...(summary !== null && { summary }),
        value: { score: value },
        event: { type: 'listing' },
        tokens: symbols.map((symbol) => ({ symbol })),
        source: { name: 'Wire' },
        agent_id: 'listing-hunter',
        published_at: new Date(at).toISOString(),
      }),
    );

  beforeAll(async () => {
    ctx = await createTestContext();
    await createIntelligenceRepository(ctx.db, ctx.metrics).insertMany([
      item(1, NOW - HOUR, ['BTC', 'BTC', 'ETH'], 50, 'Short.'), // the window's first instant: in it
      item(2, NOW, ['SOL'], 99), // the window's end: after it
      item(3, NOW - 2 * HOUR, ['ETH'], 40), // the window before's first instant
      item(4, NOW - HOUR - 1, ['ETH'], 40), // the window before's last millisecond
      item(5, NOW - 30 * 60_000, ['BTC'], 50),
      item(6, NOW - 20 * 60_000, ['BTC'], 50),
      item(7, NOW - 10 * 60_000, ['BTC'], 50),
    ]);
    brief = createBriefing({
      reads: createBriefingReads(ctx.db, ctx.metrics),
      mentions: createMentionReads(ctx.db),
      tokenFilterKey: createTokenFilterKey(createTokenRegistry()),
      now: () => new Date(NOW),
    });
  });
  afterAll(() => ctx?.close());

  it('holds its start and not its end, and compares with the window just before', async () => {
    const answer = await brief(HOUR);
    expect(answer).toMatchObject({
      from: new Date(NOW - HOUR).toISOString(),
      to: new Date(NOW).toISOString(),
      previous_from: new Date(NOW - 2 * HOUR).toISOString(),
      items: 4,
    });
    expect(answer.movers).toEqual([
      { token: 'BTC', count: 4, previous: 0, change: 4 },
      { token: 'ETH', count: 1, previous: 2, change: -1 },
    ]);
  });

  it('shows three items an event, the newest among equal values, each token once', async () => {
    const [listing] = (await brief(HOUR)).events;
    expect(listing!.count).toBe(4);
    expect(listing!.top_items.map((i) => i.title)).toEqual(['Story 7', 'Story 6', 'Story 5']);
    const first = (await brief(HOUR, ['ETH'])).events[0]!.top_items[0]!;
    expect(first).toMatchObject({ title: 'Story 1', summary: 'Short.', tokens: ['BTC', 'ETH'] });
  });
});
