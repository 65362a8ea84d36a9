import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestContext } from '../../../test/support/context.ts';
import { createIntelligence } from '../../../test/support/modules.ts';
import type { AppContext } from '../../core/context.ts';
import { createMemoryCallLimiter } from '../tools/callLimiter.ts';
import { createToolRegistry, type ToolRegistry } from '../tools/registry.ts';
import { toRow } from './mapping.ts';
import { createIntelligenceRepository } from './repository.ts';
import { ingestSchema, type IngestInput } from './schemas.ts';

const MINUTE = 60_000;

/** A stored story at a time relative to the seeding: every window edge the tests use is five minutes or more from an item. */
interface Story {
  title: string;
  type: IngestInput['type'];
  tokens: string[];
  event?: 'listing' | 'delisting' | 'hack' | 'macro' | 'regulation' | 'other';
  sentiment: 'bullish' | 'bearish' | 'neutral';
  value: number;
  agent: string;
  minutesAgo: number;
}

// biome-ignore format: one story a line
const stories: Story[] = [
  { title: 'Binance will list Jupiter (JUP)', type: 'exchange', tokens: ['JUP'], event: 'listing', sentiment: 'bullish', value: 85, agent: 'listing-hunter', minutesAgo: 15 },
  { title: 'Exploit drains $12M from a Solana lending pool', type: 'news', tokens: ['SOL', 'SLND'], event: 'hack', sentiment: 'bearish', value: 90, agent: 'security-watch', minutesAgo: 20 },
  { title: 'Bitcoin ETF inflows hit a record', type: 'twitter', tokens: ['BTC'], event: 'macro', sentiment: 'bullish', value: 60, agent: 'news-sentiment-radar', minutesAgo: 40 },
  { title: 'BTC dips as yields climb', type: 'twitter', tokens: ['BTC'], event: 'macro', sentiment: 'bearish', value: 40, agent: 'token-mentions', minutesAgo: 50 },
  { title: 'Whale moves ETH to an exchange (1)', type: 'onchain', tokens: ['ETH'], sentiment: 'neutral', value: 20, agent: 'token-mentions', minutesAgo: 70 },
  { title: 'Whale moves ETH to an exchange (2)', type: 'onchain', tokens: ['ETH'], sentiment: 'neutral', value: 25, agent: 'token-mentions', minutesAgo: 80 },
  { title: 'Whale moves ETH to an exchange (3)', type: 'onchain', tokens: ['ETH'], sentiment: 'neutral', value: 15, agent: 'token-mentions', minutesAgo: 100 },
  { title: 'Bitcoin miners sell less', type: 'news', tokens: ['BTC'], event: 'other', sentiment: 'neutral', value: 30, agent: 'news-sentiment-radar', minutesAgo: 110 },
  { title: 'Regulators propose stablecoin rules', type: 'news', tokens: ['USDC'], event: 'regulation', sentiment: 'neutral', value: 50, agent: 'news-sentiment-radar', minutesAgo: 180 },
  { title: 'Whale moves ETH to an exchange (4)', type: 'onchain', tokens: ['ETH'], sentiment: 'neutral', value: 10, agent: 'token-mentions', minutesAgo: 200 },
  { title: 'OKX will delist XYZ', type: 'exchange', tokens: ['XYZ'], event: 'delisting', sentiment: 'bearish', value: 75, agent: 'listing-hunter', minutesAgo: 36 * 60 },
];
const HACK_SUMMARY = `A lending pool on Solana lost $12M to a price-oracle exploit. ${'The attacker borrowed against inflated collateral. '.repeat(20)}`;

const titles = (result: { items: Array<{ title: string }> }) => result.items.map((i) => i.title);
const newestFirst = stories.map((s) => s.title);

describe.each(backends)('intelligence tools on %s', (backend) => {
  let ctx: AppContext;
  let registry: ToolRegistry;
  let seededAt: number;
  const ids = new Map<string, string>();

  const call = (name: string, parameters: unknown) => registry.execute(name, parameters, { principal: null });
  async function result(name: string, parameters: unknown) {
    const outcome = await call(name, parameters);
    if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
    return outcome.result as any;
  }
  async function failure(name: string, parameters: unknown) {
    const outcome = await call(name, parameters);
    if (outcome.ok) throw new Error(`${name} did not fail`);
    return {
      status: outcome.status,
      code: outcome.error.code,
      field: outcome.error.field,
      message: outcome.error.message,
      issues: (outcome.error.details as { issues?: Array<{ field: string }> } | undefined)?.issues,
    };
  }
  const search = (parameters: Record<string, unknown>) => result('intelligence.search', parameters);

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    const intelligence = await createIntelligence(ctx);
    registry = createToolRegistry(ctx, [intelligence.tools], {
      limiter: createMemoryCallLimiter({ perMinute: 10_000 }),
    });
    seededAt = Date.now();
    const rows = stories.map((s, n) => {
      const row = toRow(
        ingestSchema.parse({
          external_id: `story-${n}`,
          type: s.type,
          title: s.title,
          content: `${s.title}. The whole story, as the source wrote it.`,
          summary: s.event === 'hack' ? HACK_SUMMARY : `${s.title}, in short.`,
          sentiment: { label: s.sentiment, score: { bullish: 0.5, bearish: -0.5, neutral: 0 }[s.sentiment] },
          value: { score: s.value, reasons: ['test'] },
          event: s.event && { type: s.event },
          tokens: s.tokens.map((symbol) => ({ symbol })),
          source: { name: 'Test Wire', url: `https://wire.example/${n}` },
          agent_id: s.agent,
          published_at: new Date(seededAt - s.minutesAgo * MINUTE).toISOString(),
        }),
      );
      // The hack was reported by a second outlet too: one item, two sources.
      if (s.event !== 'hack') return row;
      const report = { kind: 'news', name: 'Other Wire', url: 'https://other.example/1', author: null };
      return {
        ...row,
        sourceCount: 2,
        sources: [{ ...report, published_at: row.publishedAt.toISOString(), key: 'url:other' }],
      };
    });
    await createIntelligenceRepository(ctx.db, ctx.metrics).insertMany(rows);
    for (const item of (await search({ limit: 100 })).items) ids.set(item.title, item.id);
  });
  afterAll(() => ctx?.close());

  describe('intelligence.search', () => {
    it('lists every item newest first, without content or sources', async () => {
      const all = await search({});
      expect(titles(all)).toEqual(newestFirst);
      expect(all.next_cursor).toBeNull();
      expect(all.items[1]).toMatchObject({
        type: 'news',
        tokens: [{ symbol: 'SOL' }, { symbol: 'SLND' }],
        event: { type: 'hack' },
        sentiment: { label: 'bearish' },
        value: { score: 90, high_value: true },
        agents: ['security-watch'],
        source_count: 2,
      });
      expect(all.items[1]).not.toHaveProperty('content');
      expect(all.items[1]).not.toHaveProperty('sources');
    });

    it.each([
      [{ keyword: 'exploit' }, ['Exploit drains $12M from a Solana lending pool']],
      [{ types: ['exchange'] }, ['Binance will list Jupiter (JUP)', 'OKX will delist XYZ']],
      [
        { tokens: ['bitcoin'] },
        ['Bitcoin ETF inflows hit a record', 'BTC dips as yields climb', 'Bitcoin miners sell less'],
      ],
      [
        { tokens: ['$jup', 'solana'] },
        ['Binance will list Jupiter (JUP)', 'Exploit drains $12M from a Solana lending pool'],
      ],
      [
        { agents: ['security-watch', 'listing-hunter'] },
        ['Binance will list Jupiter (JUP)', 'Exploit drains $12M from a Solana lending pool', 'OKX will delist XYZ'],
      ],
      [
        { exclude_agents: ['token-mentions', 'news-sentiment-radar'] },
        ['Binance will list Jupiter (JUP)', 'Exploit drains $12M from a Solana lending pool', 'OKX will delist XYZ'],
      ],
      [
        { high_value: true, exclude_agents: ['security-watch'] },
        ['Binance will list Jupiter (JUP)', 'OKX will delist XYZ'],
      ],
      [
        { sentiment: ['bearish'] },
        ['Exploit drains $12M from a Solana lending pool', 'BTC dips as yields climb', 'OKX will delist XYZ'],
      ],
      [
        { event: ['macro', 'hack'] },
        [
          'Exploit drains $12M from a Solana lending pool',
          'Bitcoin ETF inflows hit a record',
          'BTC dips as yields climb',
        ],
      ],
      [
        { min_value: 75 },
        ['Binance will list Jupiter (JUP)', 'Exploit drains $12M from a Solana lending pool', 'OKX will delist XYZ'],
      ],
      [
        { high_value: true },
        ['Binance will list Jupiter (JUP)', 'Exploit drains $12M from a Solana lending pool', 'OKX will delist XYZ'],
      ],
      [{ tokens: ['BTC'], sentiment: ['bearish'] }, ['BTC dips as yields climb']],
      [
        { types: ['onchain'], min_value: 20 },
        ['Whale moves ETH to an exchange (1)', 'Whale moves ETH to an exchange (2)'],
      ],
    ])('filters by %j', async (parameters, expected) => {
      expect(titles(await search(parameters))).toEqual(expected);
    });

    it('takes since and until as date-times or whole UTC days', async () => {
      const since = new Date(seededAt - 45 * MINUTE).toISOString();
      expect(titles(await search({ since }))).toEqual(newestFirst.slice(0, 3));
      const until = new Date(seededAt - 45 * MINUTE).toISOString();
      expect(titles(await search({ until, types: ['twitter'] }))).toEqual(['BTC dips as yields climb']);
      // The delisting's day holds nothing else: every other item is from the last four hours.
      const delistingDay = new Date(seededAt - 36 * 60 * MINUTE).toISOString().slice(0, 10);
      expect(titles(await search({ since: delistingDay, until: delistingDay }))).toEqual(['OKX will delist XYZ']);
    });

    it('pages with the cursor it returns, each item once', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search({ limit: 4, ...(cursor && { cursor }) });
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...titles(page));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(newestFirst);
    });

    it.each([
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ since: '2026-03-02', until: '2026-03-01' }, 'since'],
      [{ since: 'yesterday' }, 'since'],
      [{ sentiment: ['angry'] }, 'sentiment.0'],
      [{ sentiment: 'bearish' }, 'sentiment'],
      [{ types: [] }, 'types'],
      [{ event: ['rumour'] }, 'event.0'],
      [{ agents: ['Not An Agent'] }, 'agents.0'],
      [{ exclude_agents: ['Not An Agent'] }, 'exclude_agents.0'],
      [{ exclude_agents: [] }, 'exclude_agents'],
      [{ exclude_agents: ['security-watch', 'onchain_watch'] }, 'exclude_agents'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ min_value: 101 }, 'min_value'],
      [{ tokens: Array.from({ length: 21 }, (_, i) => `T${i}`) }, 'tokens'],
    ])('refuses %j, naming %s', async (parameters, field) => {
      // One code for every bad argument, whether the schema or the search found it.
      expect(await failure('intelligence.search', parameters)).toMatchObject({
        status: 400,
        code: 'invalid_parameters',
        field,
        issues: expect.arrayContaining([expect.objectContaining({ field })]),
      });
    });

    it('refuses an exclusion of an agent not in the catalogue, which would exclude nothing', async () => {
      expect(await failure('intelligence.search', { exclude_agents: ['onchain_watch'] })).toMatchObject({
        status: 400,
        field: 'exclude_agents',
        message: expect.stringContaining('"onchain_watch" is not an agent (GET /api/v1/agents lists them)'),
      });
    });

    it('refuses a parameter it does not know instead of ignoring it', async () => {
      expect(await failure('intelligence.search', { sentimnet: ['bearish'] })).toMatchObject({
        status: 400,
        code: 'invalid_parameters',
        message: expect.stringContaining('sentimnet'),
      });
    });
  });

  describe('intelligence.get', () => {
    it('gives one item in full, with its content and every source', async () => {
      const id = ids.get('Exploit drains $12M from a Solana lending pool')!;
      const item = await result('intelligence.get', { id });
      expect(item).toMatchObject({
        id,
        content: 'Exploit drains $12M from a Solana lending pool. The whole story, as the source wrote it.',
        summary: HACK_SUMMARY,
        source_count: 2,
        sources: [{ name: 'Test Wire' }, { name: 'Other Wire', url: 'https://other.example/1' }],
      });
    });

    it('says no item has the id, naming it', async () => {
      expect(await failure('intelligence.get', { id: randomUUID() })).toMatchObject({
        status: 404,
        code: 'not_found',
        field: 'id',
      });
    });

    it.each([[{ id: 'nope' }], [{}], [{ id: 42 }]])('refuses %j, naming id', async (parameters) => {
      expect(await failure('intelligence.get', parameters)).toMatchObject({ status: 400, field: 'id' });
    });
  });

  describe('intelligence.briefing', () => {
    const counts = (bullish: number, bearish: number, neutral: number) => ({ bullish, bearish, neutral });

    it('groups the last hour by event, the most valuable first, and ranks the tokens whose mentions moved', async () => {
      const brief = await result('intelligence.briefing', { window: '1h' });
      expect(Date.parse(brief.to) - Date.parse(brief.from)).toBe(60 * MINUTE);
      expect(Date.parse(brief.from) - Date.parse(brief.previous_from)).toBe(60 * MINUTE);
      expect(brief).toMatchObject({ tokens: null, items: 4, sentiment: counts(2, 2, 0) });
      expect(
        brief.events.map((e: any) => [e.event, e.count, e.sentiment, e.top_items.map((i: any) => i.value)]),
      ).toEqual([
        ['hack', 1, counts(0, 1, 0), [90]],
        ['listing', 1, counts(1, 0, 0), [85]],
        ['macro', 2, counts(1, 1, 0), [60, 40]],
      ]);
      const [hack] = brief.events[0].top_items;
      expect(hack).toEqual({
        id: ids.get('Exploit drains $12M from a Solana lending pool'),
        title: 'Exploit drains $12M from a Solana lending pool',
        summary: expect.stringMatching(/^A lending pool on Solana lost \$12M .*…$/),
        value: 90,
        sentiment: 'bearish',
        tokens: ['SOL', 'SLND'],
        published_at: new Date(seededAt - 20 * MINUTE).toISOString(),
        source_count: 2,
      });
      expect(hack.summary.length).toBeLessThanOrEqual(300);
      // ETH: three whale moves the hour before, none in this one; BTC one before, two now.
      expect(brief.movers).toEqual([
        { token: 'ETH', count: 0, previous: 3, change: -3 },
        { token: 'BTC', count: 2, previous: 1, change: 1 },
        { token: 'JUP', count: 1, previous: 0, change: 1 },
        { token: 'SLND', count: 1, previous: 0, change: 1 },
        { token: 'SOL', count: 1, previous: 0, change: 1 },
      ]);
    });

    it('covers the last 24 hours by default, at most three items an event', async () => {
      const brief = await result('intelligence.briefing', {});
      expect(Date.parse(brief.to) - Date.parse(brief.from)).toBe(24 * 60 * MINUTE);
      expect(brief.items).toBe(10);
      const noEvent = brief.events.find((e: any) => e.event === null);
      expect(noEvent).toMatchObject({ count: 4, sentiment: counts(0, 0, 4) });
      expect(noEvent.top_items.map((i: any) => i.value)).toEqual([25, 20, 15]);
      expect(brief.events.map((e: any) => e.event)).toEqual(['hack', 'listing', 'macro', 'regulation', 'other', null]);
      // The delisting 36 hours ago is the window before's: XYZ fell from one mention to none.
      expect(brief.movers).toContainEqual({ token: 'XYZ', count: 0, previous: 1, change: -1 });
    });

    it('keeps to the items about the tokens asked for, resolved as the feed resolves them', async () => {
      const brief = await result('intelligence.briefing', { window: '24h', tokens: ['bitcoin', 'BTC'] });
      expect(brief).toMatchObject({ tokens: ['BTC'], items: 3, sentiment: counts(1, 1, 1) });
      expect(brief.events.map((e: any) => [e.event, e.count])).toEqual([
        ['macro', 2],
        ['other', 1],
      ]);
      expect(brief.movers).toEqual([{ token: 'BTC', count: 3, previous: 0, change: 3 }]);
    });

    it('answers an empty window with zero counts', async () => {
      const brief = await result('intelligence.briefing', { window: '5m' });
      expect(brief).toMatchObject({ items: 0, sentiment: counts(0, 0, 0), events: [], movers: [] });
    });

    it.each([
      [{ window: 'forever' }, 'window'],
      [{ window: '31d' }, 'window'],
      [{ window: '99999d' }, 'window'],
      [{ window: '1m' }, 'window'],
      [{ tokens: [] }, 'tokens'],
      [{ tokens: 'BTC' }, 'tokens'],
      [{ window: '1h', since: '2026-03-01' }, 'since'],
    ])('refuses %j, naming %s', async (parameters, field) => {
      expect(await failure('intelligence.briefing', parameters)).toMatchObject({ status: 400, field });
    });
  });
});
