import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createIntelligenceRepository, type FeedFilter, type IntelligenceRepository } from './repository.ts';
import { ingestSchema, type IngestInput } from './schemas.ts';
import { toRow } from './mapping.ts';
import { tokenKey } from './tokenKey.ts';

const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const base = Date.parse('2026-03-01T00:00:00Z');

function item(n: number, overrides: Partial<IngestInput> = {}) {
  return toRow(
    ingestSchema.parse({
      external_id: `x-${n}`,
      type: (['news', 'twitter', 'exchange', 'onchain'] as const)[n % 4],
      title: `Item ${n} about markets`,
      content: 'Plain market commentary.',
      value: { score: n % 10 === 0 ? 90 : 20 + (n % 40) },
      sentiment: { label: (['bullish', 'bearish', 'neutral'] as const)[n % 3], score: 0 },
      event: { type: n % 5 === 0 ? 'hack' : 'listing' },
      tokens: [{ symbol: n % 3 === 0 ? 'ETH' : 'SOL' }],
      source: { name: 'test' },
      agent_id: n % 2 ? 'agent-odd' : 'agent-even',
      published_at: new Date(base + n * 60_000).toISOString(),
      ...overrides,
    }),
  );
}

describe.each(backends)('intelligence repository on %s', (backend) => {
  let ctx: AppContext;
  let repo: IntelligenceRepository;
  const ids = (rows: Array<{ externalId: string | null }>) => rows.map((r) => r.externalId);

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    repo = createIntelligenceRepository(ctx.db, ctx.metrics);
    await repo.insertMany(Array.from({ length: 40 }, (_, n) => item(n)));
    await repo.insert(
      item(100, {
        title: 'Hackers exploit bridge',
        content: 'An exploit drained the bridge overnight.',
        tokens: [{ symbol: 'USDC', address: USDC, chain: 'ethereum' }],
      }),
    );
    await repo.insert(
      item(101, { title: 'ETF approvals expected', content: 'Analysts expect the SEC to approve spot ETFs.' }),
    );
  });
  afterAll(() => ctx?.close());

  const all = (filter: FeedFilter) => repo.list(filter, { limit: 100, offset: 0 });

  it('lists newest first', async () => {
    const rows = await all({});
    expect(rows).toHaveLength(42);
    expect(ids(rows).slice(0, 3)).toEqual(['x-101', 'x-100', 'x-39']);
  });

  it('filters by type (several), high value, agent and time window', async () => {
    expect((await all({ types: ['news'] })).every((r) => r.type === 'news')).toBe(true);
    expect(await all({ types: ['news', 'exchange'] })).toHaveLength(21);
    expect(ids(await all({ highValue: true })).sort()).toEqual(['x-0', 'x-10', 'x-100', 'x-20', 'x-30']);
    expect((await all({ agents: ['agent-odd'] })).every((r) => r.agentId === 'agent-odd')).toBe(true);
    const window = await all({ since: new Date(base + 10 * 60_000), until: new Date(base + 15 * 60_000) });
    expect(ids(window)).toEqual(['x-14', 'x-13', 'x-12', 'x-11', 'x-10']);
  });

  it('filters by lists of tokens and agents, sentiment, event and a minimum value', async () => {
    const first40 = (rows: Array<{ externalId: string | null }>) =>
      ids(rows).filter((id) => Number(id!.slice(2)) < 40).length;
    expect(first40(await all({ tokens: ['ETH', 'SOL'] }))).toBe(40);
    expect(first40(await all({ agents: ['agent-even', 'agent-odd'] }))).toBe(40);
    expect((await all({ sentiments: ['bearish'] })).every((r) => r.sentimentLabel === 'bearish')).toBe(true);
    expect(first40(await all({ sentiments: ['bearish', 'bullish'] }))).toBe(27);
    expect(ids(await all({ events: ['hack'], types: ['news'] })).sort()).toEqual(['x-0', 'x-100', 'x-20']);
    expect(ids(await all({ minValue: 58 })).sort()).toEqual(['x-0', 'x-10', 'x-100', 'x-20', 'x-30', 'x-38', 'x-39']);
    expect(ids(await all({ minValue: 58, events: ['hack'], sentiments: ['bearish'] }))).toEqual(['x-100', 'x-10']);
  });

  it('filters by token symbol or contract address, in any case', async () => {
    expect(await all({ tokens: [tokenKey('$eth')] })).toHaveLength(14);
    expect(ids(await all({ tokens: [tokenKey(USDC.toLowerCase())] }))).toEqual(['x-100']);
    expect(ids(await all({ tokens: [tokenKey('usdc')] }))).toEqual(['x-100']);
  });

  it('searches title and content with stemming', async () => {
    expect(ids(await all({ keyword: 'exploited bridges' }))).toEqual(['x-100']);
    expect(ids(await all({ keyword: 'approval' }))).toEqual(['x-101']);
    expect(await all({ keyword: 'nothing-matches-this' })).toEqual([]);
  });

  it('reads a feed row with the same fields and types as the item by id', async () => {
    for (const row of await repo.list({ tokens: ['USDC'] }, { limit: 1 }))
      expect(row).toEqual(await repo.findById(row.id));
    for (const row of await repo.list({}, { limit: 3, offset: 2 })) expect(row).toEqual(await repo.findById(row.id));
  });

  it('pages by offset and by keyset cursor to the same items', async () => {
    const byOffset = [
      ...(await repo.list({}, { limit: 10, offset: 0 })),
      ...(await repo.list({}, { limit: 10, offset: 10 })),
    ];
    const first = await repo.list({}, { limit: 10 });
    const last = first.at(-1)!;
    const second = await repo.list({}, { limit: 10, after: { publishedAt: last.publishedAt, id: last.id } });
    expect(ids([...first, ...second])).toEqual(ids(byOffset));
  });

  it('keeps a cursor stable while new items arrive', async () => {
    const first = await repo.list({ agents: ['agent-even'] }, { limit: 5 });
    const last = first.at(-1)!;
    const before = await repo.list(
      { agents: ['agent-even'] },
      { limit: 5, after: { publishedAt: last.publishedAt, id: last.id } },
    );
    for (let n = 200; n < 210; n += 2) await repo.insert(item(n));
    const after = await repo.list(
      { agents: ['agent-even'] },
      { limit: 5, after: { publishedAt: last.publishedAt, id: last.id } },
    );
    expect(ids(after)).toEqual(ids(before));
  });

  it('stores an item once however often it is inserted', async () => {
    const first = await repo.insert(item(300));
    const again = await repo.insert(item(300));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, row: { id: first.row.id } });
    const withoutExternalId = item(301, { external_id: undefined });
    const a = await repo.insert(withoutExternalId);
    const b = await repo.insert({ ...withoutExternalId });
    expect(b.row.id).toBe(a.row.id);
    expect(b.created).toBe(false);
  });
});
