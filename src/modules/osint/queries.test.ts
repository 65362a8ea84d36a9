import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createIntelligenceRepository } from '../intelligence/repository.ts';
import { ingestSchema, ONCHAIN_WATCH_AGENT_ID } from '../intelligence/index.ts';
import { toRow } from '../intelligence/mapping.ts';
import { createMentionReads } from '../intelligence/mentionReads.ts';
import { createOsintQueries, type OsintQueries } from './queries.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const NEWT = '0x1111111111111111111111111111111111111aBc';
let n = 0;

function item(
  symbol: string,
  hoursAgo: number,
  extra: { address?: string; score?: number; type?: 'news' | 'twitter' | 'exchange' | 'onchain'; agent?: string } = {},
) {
  n++;
  return toRow(
    ingestSchema.parse({
      external_id: `osint-${n}`,
      type: extra.type ?? 'twitter',
      title: `${symbol} mention ${n}`,
      value: { score: extra.score ?? 30 },
      sentiment: { label: 'bullish', score: 0.5 },
      tokens: [{ symbol, address: extra.address ?? null }],
      source: { name: 'X' },
      agent_id: extra.agent ?? 'token-mentions',
      published_at: new Date(NOW - hoursAgo * HOUR).toISOString(),
    }),
  );
}

/** `count` mentions spread evenly between `fromHours` and `toHours` ago. */
const spread = (symbol: string, count: number, fromHours: number, toHours: number) =>
  Array.from({ length: count }, (_, i) => item(symbol, fromHours + ((toHours - fromHours) * (i + 0.5)) / count));

describe.each(backends)('OSINT queries on %s', (backend) => {
  let ctx: AppContext;
  let osint: OsintQueries;

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    await createIntelligenceRepository(ctx.db, ctx.metrics).insertMany([
      ...spread('BTC', 8, 24, 120), // baseline: 2 a day over the four days before the window
      ...spread('BTC', 10, 0, 24), // window: 10
      ...spread('ETH', 12, 24, 120),
      ...spread('ETH', 3, 0, 24), // steady
      item('NEWT', 20, { address: NEWT, score: 80, type: 'onchain' }),
      item('NEWT', 10, { address: NEWT, score: 60 }),
      item('NEWT', 5, { address: NEWT, score: 90, type: 'news' }),
      item('NEWT', 1, { address: NEWT, score: 20 }),
      item('OLDY', 240), // mentioned long ago, quiet since
      item('OLDY', 3),
      item('OLDY', 2),
      item('LONE', 1), // one mention: below min_mentions
      // The on-chain agent's alerts on a freshly deployed token: no market mention, so never a discovery.
      ...[3, 2, 1].map((h) => item('RUGGY', h, { type: 'onchain', agent: ONCHAIN_WATCH_AGENT_ID })),
      // Talked about for the first time today, though the on-chain agent flagged it long ago and again today.
      item('FRESH', 4),
      item('FRESH', 3),
      item('FRESH', 130, { type: 'onchain', agent: ONCHAIN_WATCH_AGENT_ID }),
      item('FRESH', 2, { type: 'onchain', agent: ONCHAIN_WATCH_AGENT_ID, score: 95 }),
    ]);
    osint = createOsintQueries(createMentionReads(ctx.db), () => new Date(NOW));
  });
  afterAll(() => ctx?.close());

  it('discovers first-seen and fast-rising tokens against their own baseline, with evidence', async () => {
    const result = await osint.discoverCoins(24 * HOUR, 2, 20);
    expect(result.from).toBe('2026-03-09T12:00:00.000Z');
    expect(result.baseline_from).toBe('2026-03-05T12:00:00.000Z');
    expect(result.tokens.map((t) => [t.token, t.mentions, t.baseline_per_window, t.velocity, t.first_seen])).toEqual([
      ['NEWT', 4, 0, 5, true], // (4 + 1) / (0 + 1); named by symbol and address, counted once
      ['BTC', 10, 2, 3.67, false], // (10 + 1) / (2 + 1)
      ['FRESH', 2, 0, 3, true], // its on-chain alerts neither count nor make it seen before
      ['OLDY', 2, 0, 3, false], // quiet in the baseline but seen before it
    ]);
    const newt = result.tokens[0]!;
    expect(newt.first_mention_at).toBe(new Date(NOW - 20 * HOUR).toISOString());
    expect(newt.evidence.map((e) => e.value_score)).toEqual([90, 80, 60]);
    expect(newt.evidence[0]).toMatchObject({ type: 'news', source: 'X', title: expect.stringContaining('NEWT') });
  });

  it('honours min_mentions and the limit', async () => {
    expect((await osint.discoverCoins(24 * HOUR, 5, 20)).tokens.map((t) => t.token)).toEqual(['BTC']);
    expect((await osint.discoverCoins(24 * HOUR, 1, 1)).tokens.map((t) => t.token)).toEqual(['NEWT']);
    expect((await osint.discoverCoins(24 * HOUR, 1, 20)).tokens.map((t) => t.token)).toContain('LONE');
    expect((await osint.discoverCoins(24 * HOUR, 1, 20)).tokens.map((t) => t.token)).not.toContain('RUGGY');
  });

  it('leaves the on-chain agent’s alerts out of discovery: not seen before, not evidence', async () => {
    const fresh = (await osint.discoverCoins(24 * HOUR, 2, 20)).tokens.find((t) => t.token === 'FRESH');
    expect(fresh).toMatchObject({ mentions: 2, first_seen: true });
    expect(fresh!.evidence.map((e) => e.type)).toEqual(['twitter', 'twitter']);
  });

  it('counts a token’s mentions over the window, against the previous one and over time', async () => {
    const btc = await osint.tokenMentions('$btc', 24 * HOUR);
    expect(btc).toMatchObject({
      token: 'BTC',
      mentions: 10,
      previous_window_mentions: 2,
      average_sentiment: 0.5,
      by_type: { twitter: 10 },
    });
    expect(btc.series).toHaveLength(12);
    expect(btc.series.reduce((sum, b) => sum + b.mentions, 0)).toBe(10);
    expect(btc.series[0]!.from).toBe('2026-03-09T12:00:00.000Z');
    expect(btc.first_seen_at).toBe(new Date(NOW - 114 * HOUR).toISOString());
    expect(btc.top_items).toHaveLength(10);
  });

  it('finds a token by contract address in any case', async () => {
    const byAddress = await osint.tokenMentions(NEWT.toUpperCase().replace('0X', '0x'), 7 * 24 * HOUR);
    expect(byAddress).toMatchObject({
      token: NEWT.toLowerCase(),
      mentions: 4,
      by_type: { onchain: 1, twitter: 2, news: 1 },
    });
    const unknown = await osint.tokenMentions('NOPE', 24 * HOUR);
    expect(unknown).toMatchObject({ mentions: 0, first_seen_at: null, average_sentiment: null, top_items: [] });
  });
});
