import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import { startNode } from '../agents/agentNode.ts';
import type { AppContext } from '../../src/core/context.ts';
import type { IntelligenceService } from '../../src/modules/intelligence/index.ts';
import { ingestSchema, type IngestInput, type Item } from '../../src/modules/intelligence/schemas.ts';

const setups = [
  { name: 'PGlite + in-process cache, one node', backend: 'pglite' as const, redis: false },
  { name: 'PostgreSQL + Redis, two nodes', backend: 'postgres' as const, redis: true },
];

const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
const post = (n: string, agent: string, over: Partial<IngestInput> = {}) =>
  ingestSchema.parse({
    external_id: `x:${n}`,
    type: 'twitter',
    title: `Whale ${n} moves 40,000 JUP to Binance`,
    content: `Wallet ${n} sent 40,000 JUP to Binance an hour after the unlock.`,
    tokens: [{ symbol: 'JUP' }],
    source: { kind: 'twitter', name: 'X', url: `https://x.com/lookonchain/status/${n}` },
    agent_id: agent,
    published_at: anHourAgo,
    ...over,
  });

describe.each(setups)('one story, one item on $name', ({ backend, redis }) => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let other: { service: IntelligenceService; close(): Promise<void> };
  const first = () => gateway.platform.intelligence.service;
  const api = (path: string) => `${gateway.url}/api/v1/intelligence${path}`;
  const feedIds = async (query: string) =>
    (await http(api(`/?size=100&${query}`))).body.items.map((item: Item) => item.id) as string[];

  beforeAll(async () => {
    ctx = await createTestContext({ backend, redis, env: { GLOBAL_LIMIT_TIMES: '100000' } });
    gateway = await startGateway(ctx);
    // On PostgreSQL a second node races the first; PGlite belongs to one process, which races itself.
    if (backend === 'postgres') {
      const node = await startNode(ctx.config);
      other = { service: node.platform.intelligence.service, close: node.close };
    } else {
      other = { service: first(), close: async () => {} };
    }
  });
  afterAll(async () => {
    await other?.close();
    await gateway?.close();
    await ctx?.close();
  });

  it('stores a post two agents deliver at the same moment as one item tagged with both', async () => {
    for (let n = 0; n < 8; n++) {
      const [a, b] = await Promise.all([
        first().ingest(post(`one-${n}`, 'token-mentions')),
        other.service.ingest(post(`one-${n}`, 'news-sentiment-radar')),
      ]);
      expect(b.item.id).toBe(a.item.id);
      expect([a.outcome, b.outcome].sort()).toEqual(['created', 'merged']);
      const item = (await http(api(`/${a.item.id}`))).body as Item;
      expect([...item.agents].sort()).toEqual(['news-sentiment-radar', 'token-mentions']);
      expect(item.agent_id).toBe(item.agents[0]);
    }
    const all = await feedIds('token=JUP');
    expect(all).toHaveLength(8);
    expect(new Set(all).size).toBe(8);
    expect(await feedIds('token=JUP&agent=token-mentions')).toEqual(all);
    expect(await feedIds('token=JUP&agent=news-sentiment-radar')).toEqual(all);
  });

  it('does the same for agents’ batches on both nodes, and a repeated delivery changes nothing', async () => {
    const batch = (agent: string) => Array.from({ length: 30 }, (_, n) => post(`batch-${n}`, agent));
    const [a, b] = await Promise.all([
      first().ingestMany(batch('security-watch')),
      other.service.ingestMany(batch('listing-hunter')),
    ]);
    for (let n = 0; n < 30; n++) {
      expect(b[n]!.id).toBe(a[n]!.id);
      expect([a[n]!.outcome, b[n]!.outcome].sort()).toEqual(['created', 'merged']);
    }
    const again = await other.service.ingestMany(batch('security-watch'));
    expect(new Set(again.map((r) => r.outcome))).toEqual(new Set(['duplicate']));
    const ids = await feedIds('agent=security-watch');
    expect(ids).toHaveLength(30);
    expect(await feedIds('agent=listing-hunter')).toEqual(ids);
  });

  it('merges near-duplicate reports of one story from different outlets, batched on both nodes at once, into one item', async () => {
    // Each story told twice, in other words, by two outlets whose agents store their batches at the same moment.
    const report = (n: number, outlet: string, agent: string, rewritten: boolean) =>
      ingestSchema.parse({
        external_id: `${outlet}-${n}`,
        type: 'news',
        title: `Hacker drains $${n + 2}M from Curve Finance pool ${n} on Ethereum`,
        content: rewritten
          ? `An attacker exploited a reentrancy bug in Curve Finance pool ${n} on Ethereum, draining $${n + 2}M; the stolen funds are being bridged out.`
          : `An attacker exploited a reentrancy bug in Curve Finance pool ${n} on Ethereum and drained $${n + 2}M; stolen funds are being bridged out.`,
        tokens: [{ symbol: 'CRV' }],
        event: { type: 'hack' },
        source: { kind: 'news', name: outlet, url: `https://${outlet.toLowerCase()}.example/${n}` },
        agent_id: agent,
        published_at: anHourAgo,
      });
    const stories = 12;
    const [a, b] = await Promise.all([
      first().ingestMany(Array.from({ length: stories }, (_, n) => report(n, 'CoinDesk', 'security-watch', false))),
      other.service.ingestMany(
        Array.from({ length: stories }, (_, n) => report(n, 'Decrypt', 'news-sentiment-radar', true)),
      ),
    ]);
    for (let n = 0; n < stories; n++) {
      expect(b[n]!.id, `story ${n}`).toBe(a[n]!.id);
      expect([a[n]!.outcome, b[n]!.outcome].sort()).toEqual(['created', 'merged']);
      const item = (await http(api(`/${a[n]!.id}`))).body as Item;
      expect(item.source_count).toBe(2);
    }
    expect(new Set(a.map((r) => r.id)).size).toBe(stories);
  });

  it('answers the ingest API with the item and what became of the post', async () => {
    const admin = await ctx.auth.sign({ sub: 'ops', role: 'admin' }, '1h');
    const body = (agent: string) => ({
      external_id: 'api-1',
      type: 'news',
      title: 'Jupiter DAO votes to burn 3 billion JUP',
      content: 'The vote passed with 92% in favour.',
      tokens: [{ symbol: 'JUP' }],
      source: { name: 'The Block', url: 'https://www.theblock.co/post/1/jupiter-dao-burn' },
      agent_id: agent,
    });
    const created = await http(api('/'), { method: 'POST', json: body('news-sentiment-radar'), token: admin });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      created: true,
      outcome: 'created',
      item: { agents: ['news-sentiment-radar'] },
    });
    const joined = await http(api('/'), { method: 'POST', json: body('token-mentions'), token: admin });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({
      id: created.body.id,
      created: false,
      outcome: 'merged',
      item: { agent_id: 'news-sentiment-radar', agents: ['news-sentiment-radar', 'token-mentions'] },
    });
    const again = await http(api('/'), { method: 'POST', json: body('token-mentions'), token: admin });
    expect(again.body).toMatchObject({ id: created.body.id, outcome: 'duplicate' });
    expect((await http(api(`/${created.body.id}`))).body).toEqual(again.body.item);
  });

  it('merges identical text only without an external id: with another one and another source, it is another item', async () => {
    const admin = await ctx.auth.sign({ sub: 'ops', role: 'admin' }, '1h');
    const send = (over: object) =>
      http(api('/'), {
        method: 'POST',
        token: admin,
        json: {
          type: 'news',
          title: 'Arbitrum DAO approves a 50M ARB gaming fund',
          content: 'The proposal passed with 71% in favour.',
          agent_id: 'news-sentiment-radar',
          ...over,
        },
      });
    const a = await send({ external_id: 'same-text-a', source: { name: 'CoinDesk' } });
    const b = await send({ external_id: 'same-text-b', source: { name: 'Decrypt' } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    const bare = await send({ source: { name: 'The Defiant' } });
    expect(bare.status).toBe(201);
    expect(await send({ source: { name: 'The Defiant' } })).toMatchObject({
      status: 200,
      body: { id: bare.body.id, outcome: 'duplicate' },
    });
  });

  it('counts each story once in OSINT token mentions', async () => {
    const outcome = await gateway.platform.tools.registry.execute(
      'osint.token_mentions',
      { token: 'JUP', window: '24h' },
      { principal: null },
    );
    expect(outcome.ok && outcome.result).toMatchObject({ token: 'JUP', mentions: 8 + 30 + 1 });
  });
});
