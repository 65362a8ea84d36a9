import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import type { AppContext } from '../../src/core/context.ts';
import { dataException } from '../../src/core/dataException.ts';
import { ingestSchema, type IngestInput, type Item } from '../../src/modules/intelligence/schemas.ts';
import { startNode } from './agentNode.ts';

const setups = [
  { name: 'PGlite + in-process cache', backend: 'pglite' as const, redis: false },
  { name: 'PostgreSQL + Redis', backend: 'postgres' as const, redis: true },
];

const HOUR = 3_600_000;
/**
 * Published 21 hours ago: recent enough for a restarted node to reload the story, and early enough for a report
 * 20 hours later (the ingest refuses a publication time ahead of the clock).
 */
const firstReported = new Date(Date.now() - 21 * HOUR);
const story = (id: string, outlet: string, over: Partial<IngestInput> = {}) =>
  ingestSchema.parse({
    external_id: id,
    type: 'news',
    title: 'Hacker drains $12M from Curve Finance pool on Ethereum',
    content:
      'An attacker exploited a reentrancy bug in a Curve Finance pool on Ethereum and drained $12M; stolen funds are being bridged out.',
    tokens: [{ symbol: 'CRV', name: 'Curve DAO Token', chain: 'ethereum' }],
    event: { type: 'hack' },
    source: { kind: 'news', name: outlet, url: `https://${outlet.toLowerCase().replace(/\s+/g, '')}.example/${id}` },
    agent_id: 'security-watch',
    published_at: firstReported.toISOString(),
    ...over,
  });

const rewrite =
  'An attacker exploited a reentrancy bug in a Curve Finance pool on Ethereum, draining $12M; the stolen funds are being bridged out.';
const other = {
  title: 'Binance will list Pyth Network (PYTH)',
  content: 'Spot trading opens for PYTH/USDT and PYTH/USDC today.',
  tokens: [{ symbol: 'PYTH' }],
  event: { type: 'listing' as const },
};

describe.each(setups)('batch ingest with near-duplicate merging on $name', ({ backend, redis }) => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  const published: Item[] = [];
  const ingestMany = (...items: ReturnType<typeof story>[]) => gateway.platform.intelligence.service.ingestMany(items);

  beforeAll(async () => {
    ctx = await createTestContext({ backend, redis });
    gateway = await startGateway(ctx);
    await ctx.bus.subscribe('intelligence.#', ({ payload }) => void published.push(payload as Item));
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
  });

  it('stores one item per story, listing every source that reported it', async () => {
    const results = await ingestMany(
      story('coindesk-1', 'CoinDesk'),
      story('block-1', 'The Block', { content: rewrite }),
      story('listing-1', 'Binance', other),
    );
    expect(results.map((r) => r.outcome)).toEqual(['created', 'merged', 'created']);
    expect(results[1]!.id).toBe(results[0]!.id);

    const { status, body } = await http(`${gateway.url}/api/v1/intelligence/${results[0]!.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      source_count: 2,
      source: { name: 'CoinDesk' },
      sources: [
        {
          kind: 'news',
          name: 'CoinDesk',
          url: 'https://coindesk.example/coindesk-1',
          author: null,
          published_at: firstReported.toISOString(),
        },
        {
          kind: 'news',
          name: 'The Block',
          url: 'https://theblock.example/block-1',
          author: null,
          published_at: firstReported.toISOString(),
        },
      ],
    });
    expect(body.sources[1]).not.toHaveProperty('key');
    await expect.poll(() => published.length).toBe(2);
  });

  it('changes nothing when the same batch is delivered again', async () => {
    const results = await ingestMany(
      story('coindesk-1', 'CoinDesk'),
      story('block-1', 'The Block', { content: rewrite }),
      story('listing-1', 'Binance', other),
    );
    expect(results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const item = await gateway.platform.intelligence.service.item(results[0]!.id);
    expect(item?.source_count).toBe(2);
    const feed = await http(`${gateway.url}/api/v1/intelligence/?agent=security-watch`);
    expect(feed.body.items).toHaveLength(2);
    expect(published).toHaveLength(2);
  });

  it('merges a later report into the stored story and refreshes its cached detail', async () => {
    const [first] = await ingestMany(story('coindesk-1', 'CoinDesk'));
    expect((await http(`${gateway.url}/api/v1/intelligence/${first!.id}`)).body.source_count).toBe(2);
    const [later] = await ingestMany(
      story('decrypt-1', 'Decrypt', {
        content: rewrite,
        published_at: new Date(firstReported.getTime() + 20 * HOUR).toISOString(),
      }),
    );
    expect(later).toEqual({ id: first!.id, outcome: 'merged' });
    const { body } = await http(`${gateway.url}/api/v1/intelligence/${first!.id}`);
    expect(body.source_count).toBe(3);
    expect(body.sources.map((s: { name: string }) => s.name)).toEqual(['CoinDesk', 'The Block', 'Decrypt']);
  });

  it.runIf(backend === 'postgres')(
    'merges into stories stored before a restart, and still recognises re-deliveries',
    async () => {
      const restarted = await startNode(ctx.config);
      const service = restarted.platform.intelligence.service;
      const results = await service.ingestMany([
        story('block-1', 'The Block', { content: rewrite }),
        story('blockworks-1', 'Blockworks', { content: rewrite }),
      ]);
      const item = await service.item(results[1]!.id);
      await restarted.close();
      expect(results.map((r) => r.outcome)).toEqual(['duplicate', 'merged']);
      expect(item?.source_count).toBe(4);
    },
  );

  it('tags the stored story with another agent that delivers it, and announces it again at a new offset', async () => {
    const [first] = await ingestMany(story('coindesk-1', 'CoinDesk'));
    const before = (await http(`${gateway.url}/api/v1/intelligence/${first!.id}`)).body as Item;
    const [joined] = await ingestMany(story('coindesk-1', 'CoinDesk', { agent_id: 'news-sentiment-radar' }));
    expect(joined).toEqual({ id: first!.id, outcome: 'merged' });

    const after = (await http(`${gateway.url}/api/v1/intelligence/${first!.id}`)).body as Item;
    expect(after).toMatchObject({
      agent_id: 'security-watch',
      agents: ['security-watch', 'news-sentiment-radar'],
      agent_offsets: [before.offset, after.offset],
      source_count: before.source_count,
    });
    expect(after.offset).toBeGreaterThan(before.offset);
    await expect.poll(() => published.find((item) => item.offset === after.offset)?.agents).toEqual(after.agents);
    const feed = await http(`${gateway.url}/api/v1/intelligence/?agent=news-sentiment-radar`);
    expect(feed.body.items.map((item: Item) => item.id)).toEqual([first!.id]);

    const [again] = await ingestMany(story('coindesk-1', 'CoinDesk', { agent_id: 'news-sentiment-radar' }));
    expect(again).toEqual({ id: first!.id, outcome: 'duplicate' });
  });

  it('leaves nothing stored unannounced when the database refuses a merge after the inserts: stored again one by one, each new item is created and published once', async () => {
    const exploit = (id: string, outlet: string, over: Partial<IngestInput> = {}) =>
      story(id, outlet, {
        title: 'Exploiter drains $30M from Radiant Capital lending markets on Arbitrum',
        content:
          'An exploiter took control of Radiant Capital multisig signers and drained about $30M from its lending markets on Arbitrum and BNB Chain.',
        tokens: [{ symbol: 'RDNT' }],
        agent_id: 'whale-watch',
        ...over,
      });
    const [stored] = await ingestMany(exploit('ww-coindesk', 'CoinDesk'));
    expect(stored!.outcome).toBe('created');
    await expect.poll(() => published.some((item) => item.id === stored!.id)).toBe(true);
    const listing = exploit('ww-listing', 'OKX', {
      title: 'OKX will list Jito (JTO) for spot trading',
      content: 'Spot trading opens for JTO/USDT at 10:00 UTC with deposits open now.',
      tokens: [{ symbol: 'JTO' }],
      event: { type: 'listing' },
    });
    // A NUL in a merged source: jsonb refuses it (22P05) in the statement that appends sources, after the insert.
    const refusedMerge = exploit('ww-block', 'The Block', {
      content:
        'An exploiter took control of Radiant Capital multisig signers, draining about $30M from its lending markets on Arbitrum and BNB Chain.',
      source: { kind: 'news', name: 'The Block', author: 'Jane\u0000 Doe' },
    });
    const announced = published.length;

    const failure = await ingestMany(listing, refusedMerge).catch((err: unknown) => err);
    expect(dataException(failure)).toMatch(/^22/);
    // What the agents' pipeline does next: each item alone, so only the refused one is lost.
    const [alone] = await ingestMany(listing);
    await expect(ingestMany(refusedMerge)).rejects.toSatisfy((err) => dataException(err) !== null);

    expect(alone!.outcome).toBe('created');
    await expect.poll(() => published.filter((item) => item.id === alone!.id)).toHaveLength(1);
    expect(published.slice(announced).map((item) => item.title)).toEqual([listing.title]);
    const feed = await http(`${gateway.url}/api/v1/intelligence/?agent=whale-watch`);
    expect(feed.body.items.map((item: Item) => [item.title, item.source_count]).sort()).toEqual([
      ['Exploiter drains $30M from Radiant Capital lending markets on Arbitrum', 1],
      [listing.title, 1],
    ]);
  });
});
