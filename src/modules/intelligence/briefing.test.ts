import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { ONCHAIN_WATCH_AGENT_ID } from './agentCatalogue.ts';
import { createBriefing, type BriefingBuilder } from './briefing.ts';
import { createBriefingReads } from './briefingReads.ts';
import { toRow } from './mapping.ts';
import { createMentionReads } from './mentionReads.ts';
import { createIntelligenceRepository } from './repository.ts';
import { ingestSchema } from './schemas.ts';
import { createTokenFilterKey } from './tokenFilterKey.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;

/** An item as stored: a listing news story from the listing hunter unless told otherwise. */
const stored = (
  externalId: string,
  at: number,
  symbols: string[],
  value: number,
  fields: Record<string, unknown> = {},
) =>
  toRow(
    ingestSchema.parse({
      external_id: externalId,
      type: 'news',
      title: `Story ${externalId}`,
      value: { score: value },
      event: { type: 'listing' },
      tokens: symbols.map((symbol) => ({ symbol })),
      source: { name: 'Wire' },
      agent_id: 'listing-hunter',
      published_at: new Date(at).toISOString(),
      ...fields,
    }),
  );

/** A briefing over the test context's items, as of NOW. */
const briefingOf = (ctx: AppContext) =>
  createBriefing({
    reads: createBriefingReads(ctx.db, ctx.metrics),
    mentions: createMentionReads(ctx.db),
    tokenFilterKey: createTokenFilterKey(createTokenRegistry()),
    now: () => new Date(NOW),
  });

/** Windows at the edges: a window holds its start and not its end, as the feed's since and until do. */
describe('briefing windows', () => {
  let ctx: AppContext;
  let brief: BriefingBuilder;

  const item = (n: number, at: number, symbols: string[], value: number, summary: string | null = null) =>
    stored(String(n), at, symbols, value, summary === null ? {} : { summary });

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
    brief = briefingOf(ctx);
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

  it('ends where asked, and never later than now', async () => {
    const earlier = await brief(HOUR, undefined, new Date(NOW - HOUR).toISOString());
    expect(earlier).toMatchObject({
      from: new Date(NOW - 2 * HOUR).toISOString(),
      to: new Date(NOW - HOUR).toISOString(),
      items: 2, // items 3 and 4; item 1 is the end's instant, after it
    });
    const later = await brief(HOUR, undefined, new Date(NOW + HOUR).toISOString());
    expect(later).toMatchObject({ to: new Date(NOW).toISOString(), items: 4 });
  });

  it('shows three items an event, the newest among equal values, each token once', async () => {
    const [listing] = (await brief(HOUR)).events;
    expect(listing!.count).toBe(4);
    expect(listing!.top_items.map((i) => i.title)).toEqual(['Story 7', 'Story 6', 'Story 5']);
    const first = (await brief(HOUR, ['ETH'])).events[0]!.top_items[0]!;
    expect(first).toMatchObject({ title: 'Story 1', summary: 'Short.', tokens: ['BTC', 'ETH'] });
  });
});

/**
 * The on-chain agent's scam-token alerts (event hack, value the danger score) would lead a market
 * briefing and fill its hack group: they are reported apart, unless tokens are asked for.
 */
describe('briefing on-chain alerts', () => {
  let ctx: AppContext;
  let brief: BriefingBuilder;

  const alert = (n: number, symbol: string, danger: number) =>
    stored(`1337:0x${String(n).padStart(40, '0')}`, NOW - n * 60_000, [symbol], danger, {
      type: 'onchain',
      title: `Scam token on local: ${symbol}`,
      event: { type: 'hack' },
      sentiment: { label: 'bearish', score: -0.9 },
      source: { kind: 'onchain', name: 'AlphaNest on-chain agent' },
      agent_id: ONCHAIN_WATCH_AGENT_ID,
    });

  beforeAll(async () => {
    ctx = await createTestContext();
    await createIntelligenceRepository(ctx.db, ctx.metrics).insertMany([
      ...['RUGR', 'HONEY', 'TRAP', 'FAKE'].map((symbol, n) => alert(n + 1, symbol, 100 - n * 5)),
      // A real hack, reported on chain by a security firm: news, not an alert of the on-chain agent.
      stored('exploit', NOW - 50 * 60_000, ['ETH'], 70, {
        type: 'onchain',
        title: 'Bridge drained',
        event: { type: 'hack' },
        sentiment: { label: 'bearish', score: -0.8 },
        agent_id: 'sentiment-scout',
      }),
      stored('listing', NOW - 40 * 60_000, ['SOL'], 60, { sentiment: { label: 'bullish', score: 0.6 } }),
      ...[1, 2, 3].map((n) => stored(`rugr-${n}`, NOW - n * 10 * 60_000, ['RUGR'], 50, { event: { type: 'hack' } })),
    ]);
    brief = briefingOf(ctx);
  });
  afterAll(() => ctx?.close());

  it('reports them apart from the events, the most dangerous first', async () => {
    const answer = await brief(HOUR);
    expect(answer.onchain_alerts).toMatchObject({ count: 4 });
    expect(answer.onchain_alerts!.top_items.map((i) => [i.title, i.value])).toEqual([
      ['Scam token on local: RUGR', 100],
      ['Scam token on local: HONEY', 95],
      ['Scam token on local: TRAP', 90],
    ]);
    // The events, their counts and the sentiment are the other items': the real hack leads.
    expect(answer).toMatchObject({ items: 5, sentiment: { bullish: 1, bearish: 1, neutral: 3 } });
    expect(answer.events.map((e) => [e.event, e.count, e.top_items.map((i) => i.title)])).toEqual([
      ['hack', 4, ['Bridge drained', 'Story rugr-1', 'Story rugr-2']],
      ['listing', 1, ['Story listing']],
    ]);
  });

  it("ranks the movers among the market's items: an alert's token is not a mover", async () => {
    expect((await brief(HOUR)).movers).toEqual([
      { token: 'RUGR', count: 3, previous: 0, change: 3 },
      { token: 'ETH', count: 1, previous: 0, change: 1 },
      { token: 'SOL', count: 1, previous: 0, change: 1 },
    ]);
  });

  it('keeps an alert about a token asked for among its events', async () => {
    const answer = await brief(HOUR, ['rugr']);
    expect(answer).toMatchObject({ tokens: ['RUGR'], items: 4, onchain_alerts: null });
    expect(answer.events.map((e) => [e.event, e.count, e.top_items.map((i) => i.title)])).toEqual([
      ['hack', 4, ['Scam token on local: RUGR', 'Story rugr-1', 'Story rugr-2']],
    ]);
    // Its movers count what its events count, the alert with the stories.
    expect(answer.movers).toEqual([{ token: 'RUGR', count: 4, previous: 0, change: 4 }]);
  });
});
