import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway, HEALTHY_NODE } from '../support/gateway.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createIntelligence } from '../support/modules.ts';

const setups = [
  { name: 'PGlite + in-process cache', backend: 'pglite' as const, redis: false },
  { name: 'PostgreSQL + Redis', backend: 'postgres' as const, redis: true },
];

const listQueries = async (ctx: AppContext) =>
  (await ctx.metrics.dbQueries.get()).values.find((v) => v.labels.query === 'intelligence.list')?.value ?? 0;

describe.each(setups)('intelligence API over HTTP on $name', ({ backend, redis }) => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let agentToken: string;
  let userToken: string;
  const api = (path: string) => `${gateway.url}/api/v1/intelligence${path}`;
  /** Feed queries so far, once the background prefetches started by earlier requests have finished. */
  const settledListQueries = async () => {
    await gateway.platform.intelligence.service.prefetched();
    return listQueries(ctx);
  };

  beforeAll(async () => {
    ctx = await createTestContext({ backend, redis, env: { GLOBAL_LIMIT_TIMES: '100000' } });
    // Seeded before the gateway listens: building and storing the demo blocks the event loop (PGlite runs on
    // it), and the gateway's load shedding would rightly answer the first requests after that 503.
    await (await createIntelligence(ctx)).seedDemo(120);
    gateway = await startGateway(ctx);
    agentToken = await ctx.auth.sign({ sub: 'agent-1', role: 'agent', agents: ['listing-hunter'] }, '1h');
    userToken = await ctx.auth.sign({ sub: 'alice', role: 'user' }, '1h');
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
  });

  it('answers the operational routes', async () => {
    expect((await http(`${gateway.url}/ping`)).body).toEqual({ pong: true });
    const root = await http(`${gateway.url}/`);
    expect(root.body).toMatchObject({ client_ip: '127.0.0.1' });
    const health = await http(`${gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(health.body).toEqual(HEALTHY_NODE);
    const adminHealth = await http(`${gateway.url}/health`, {
      token: await ctx.auth.sign({ sub: 'ops', role: 'admin' }, '1h'),
    });
    expect(adminHealth.body).toMatchObject({
      status: 'healthy',
      services: {
        database: { status: 'up', kind: backend },
        cache: { status: 'up', kind: redis ? 'redis' : 'memory', response_time: expect.any(Number) },
      },
    });
    const metrics = await http(`${gateway.url}/metrics`);
    expect(metrics.body).toContain('http_requests_total{method="GET",route="/health",status="200"} 2');
    const docs = await http(`${gateway.url}/docs/json`);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/intelligence/',
        '/api/v1/intelligence/{id}',
        '/api/v1/intelligence/token/info',
        '/health',
      ]),
    );
  });

  it('serves the feed newest first, by page and by cursor', async () => {
    const first = await http(api('/?size=10'));
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(10);
    const times = first.body.items.map((i: { published_at: string }) => i.published_at);
    expect([...times].sort().reverse()).toEqual(times);
    const page2 = await http(api('/?size=10&page=2'));
    const cursor2 = await http(api(`/?size=10&cursor=${first.body.next_cursor}`));
    expect(cursor2.body.items.map((i: { id: string }) => i.id)).toEqual(
      page2.body.items.map((i: { id: string }) => i.id),
    );
  });

  it('applies the filters', async () => {
    const byType = await http(api('/?type=onchain&type=exchange&size=100'));
    expect(new Set(byType.body.items.map((i: { type: string }) => i.type))).toEqual(new Set(['onchain', 'exchange']));
    const highValue = await http(api('/?high_value=true&size=100'));
    expect(highValue.body.items.every((i: { value: { high_value: boolean } }) => i.value.high_value)).toBe(true);
    const byToken = await http(api('/?token=$eth&size=100'));
    expect(byToken.body.items.length).toBeGreaterThan(0);
    expect(
      byToken.body.items.every((i: { tokens: Array<{ symbol: string }> }) => i.tokens.some((t) => t.symbol === 'ETH')),
    ).toBe(true);
    const byAddress = await http(api('/?token=0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'));
    expect(
      byAddress.body.items.every((i: { tokens: Array<{ symbol: string }> }) =>
        i.tokens.some((t) => t.symbol === 'USDC'),
      ),
    ).toBe(true);
    const byKeyword = await http(api('/?keyword=exploit&size=100'));
    expect(byKeyword.body.items.length).toBeGreaterThan(0);
    const byAgent = await http(api('/?agent=security-watch&size=100'));
    expect(byAgent.body.items.every((i: { agent_id: string }) => i.agent_id === 'security-watch')).toBe(true);
    const window = await http(api('/?since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z'));
    expect(window.body.items).toEqual([]);
  });

  it.each([
    ['size=0', 'size'],
    ['size=101', 'size'],
    ['page=0', 'page'],
    ['type=telegram', 'type'],
    ['high_value=maybe', 'high_value'],
    ['high_value=yes', 'high_value'],
    ['size=0x10', 'size'],
    ['size=%201', 'size'],
    ['min_value=', 'min_value'],
    ['since=yesterday', 'since'],
    ['cursor=garbage', 'cursor'],
    [`page=2&cursor=${Buffer.from(`1:00000000-0000-4000-8000-000000000000`).toString('base64url')}`, 'cursor'],
    ['since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z', 'since'],
  ])('rejects %s with a 400 naming %s', async (query, field) => {
    const response = await http(api(`/?${query}`));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_parameter', field });
  });

  it('returns one item by id; 404 for an unknown id and 400 for a malformed one', async () => {
    const [item] = (await http(api('/?size=1'))).body.items;
    const detail = await http(api(`/${item.id}`));
    expect(detail.body).toEqual(item);
    expect(detail.body).toMatchObject({
      sentiment: { label: expect.any(String) },
      value: { score: expect.any(Number) },
      source: { kind: expect.any(String) },
    });
    expect((await http(api('/00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    const malformed = await http(api('/not-an-id'));
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('id');
  });

  it('refuses parameters the item and agents routes do not take, rather than ignoring them', async () => {
    const [item] = (await http(api('/?size=1'))).body.items;
    for (const url of [api(`/${item.id}?fields=all`), `${gateway.url}/api/v1/agents?fields=all`]) {
      const response = await http(url);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'invalid_parameter', field: 'fields' });
      expect(response.body.error.message).toContain('unknown parameter; accepted: none');
    }
  });

  it('serves token market data and the entities of an item', async () => {
    const info = await http(api('/token/info?symbol=BTC'));
    expect(info.body).toMatchObject({
      symbol: 'BTC',
      name: 'Bitcoin',
      price_usd: expect.any(Number),
      as_of: expect.any(String),
      source: 'embedded-simulation',
    });
    const byAddress = await http(api('/token/info?address=0x1f9840a85d5af5bf1d1762f925bdaddc4201f984&chain=ethereum'));
    expect(byAddress.body).toMatchObject({ symbol: 'UNI' });
    expect((await http(api('/token/info?symbol=NOPE_NOT_A_TOKEN'))).status).toBe(404);
    expect((await http(api('/token/info?address=0x1f9840a85d5af5bf1d1762f925bdaddc4201f984'))).body.error.field).toBe(
      'chain',
    );
    // An item about BTC: the newest item's first token may be a coin the simulated market does not quote
    // (its market is null then), which depends on the hour the demo feed was generated at.
    const [item] = (await http(api('/?token=BTC&size=1'))).body.items;
    const entities = await http(api(`/entities?id=${item.id}`));
    expect(entities.body.entities.find((entity: { symbol: string }) => entity.symbol === 'BTC')).toMatchObject({
      market: { price_usd: expect.any(Number) },
    });
  });

  it('ingests idempotently, for agents and admins only, and shows the item on page 1 at once', async () => {
    const body = {
      external_id: `post-${backend}`,
      type: 'news',
      title: 'Binance lists ZKJ',
      content: 'Spot trading opens at 10:00 UTC.',
      tokens: [{ symbol: 'ZKJ' }],
      source: { name: 'Binance' },
      agent_id: 'listing-hunter',
    };
    await http(api('/?size=5')); // warm the page-1 cache
    expect((await http(api('/'), { method: 'POST', json: body })).status).toBe(401);
    expect((await http(api('/'), { method: 'POST', json: body, token: userToken })).status).toBe(403);
    const first = await http(api('/'), { method: 'POST', json: body, token: agentToken });
    expect(first.status).toBe(201);
    const again = await http(api('/'), { method: 'POST', json: body, token: agentToken });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, created: false });
    const page1 = await http(api('/?size=5'));
    expect(page1.body.items[0].id).toBe(first.body.id);
    const bad = await http(api('/'), { method: 'POST', json: { ...body, type: 'blog' }, token: agentToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('type');
    const stranger = await http(api('/'), {
      method: 'POST',
      json: { ...body, agent_id: 'no-such-agent' },
      token: agentToken,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.field).toBe('agent_id');
    // Dated beyond a source's clock skew: it would stay on top of the feed until that date came.
    const ahead = await http(api('/'), {
      method: 'POST',
      json: {
        ...body,
        external_id: `ahead-${backend}`,
        published_at: new Date(Date.now() + 2 * 3600_000).toISOString(),
      },
      token: agentToken,
    });
    expect(ahead.status).toBe(400);
    expect(ahead.body.error).toMatchObject({ field: 'published_at' });
    expect(ahead.body.error.message).toContain('an hour from now');
  });

  it('answers 401 with the reason for a bad token', async () => {
    const response = await http(api('/'), { token: 'abc.def.ghi' });
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: 'unauthorized', message: 'token malformed or unsupported' });
  });

  it('lets exactly one of 1,000 concurrent requests for a cold page reach the database', async () => {
    const before = await settledListQueries();
    // A one-page result, so no prefetch follows the miss.
    const url = api('/?size=100&keyword=ETF');
    const statuses = await Promise.all(Array.from({ length: 1000 }, () => fetch(url).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await listQueries(ctx)) - before).toBe(1);
  });

  it('prefetches the next three pages after a page miss', async () => {
    const page = (n: number) => http(api(`/?size=5&type=onchain&page=${n}`));
    const before = await settledListQueries();
    await page(1);
    expect(await settledListQueries()).toBe(before + 4);
    for (const n of [2, 3, 4]) expect((await page(n)).body.items).toHaveLength(5);
    expect(await listQueries(ctx)).toBe(before + 4);
    await page(5);
    expect(await listQueries(ctx)).toBeGreaterThan(before + 4);
  });
});
