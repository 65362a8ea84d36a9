import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createTestContext } from '../support/context.ts';
import { http } from '../support/gateway.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createPlatform, platformModules, type AlphaNest } from '../../src/platform.ts';
import { buildGateway } from '../../src/gateway.ts';
import { buildToolServer } from '../../src/modules/tools/app.ts';
import { arbitrageModuleAt } from '../../src/modules/arbitrage/index.ts';
import { marketModuleAt } from '../../src/modules/market/index.ts';
import { createIntelligenceRepository } from '../../src/modules/intelligence/repository.ts';
import { ingestSchema } from '../../src/modules/intelligence/schemas.ts';
import { toRow } from '../../src/modules/intelligence/mapping.ts';

const T = Date.parse('2026-03-01T00:05:20Z'); // seed 42: binance's ETH/USDT is dislocated by about 2.4 %
const HOUR = 3_600_000;

type Listening = { url: string; close(): Promise<unknown> };
async function listen(app: Awaited<ReturnType<typeof buildGateway>>): Promise<Listening> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, close: () => app.close() };
}

async function mcpClient(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'surfaces-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

/** Times derived from the moment of the call differ between two calls; everything else must not. */
const withoutClockTimes = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, v) => (['from', 'to', 'baseline_from'].includes(key) ? undefined : v));

describe('arbitrage, market, clan and osint tools over REST and MCP', () => {
  let ctx: AppContext;
  let platform: AlphaNest;
  let gateway: Listening;
  let tools: Listening;
  let mcp: Client;
  const tokens: Record<string, string> = {};

  const rest = (tool_name: string, parameters: Record<string, unknown>, token = tokens.user) =>
    http(`${tools.url}/execute`, { method: 'POST', json: { tool_name, parameters }, token });
  const admin = (path: string, json: unknown, token = tokens.admin) =>
    http(`${gateway.url}/api/v1/clans${path}`, { method: 'POST', json, token });

  beforeAll(async () => {
    ctx = await createTestContext({
      backend: 'postgres',
      redis: true,
      env: { TOOL_RATE_LIMIT_PER_MINUTE: '10000', GLOBAL_LIMIT_TIMES: '10000' },
    });
    platform = await platformModules
      .replace(marketModuleAt(() => new Date(T)))
      .replace(arbitrageModuleAt(() => T))
      .create(ctx);
    gateway = await listen(await buildGateway(platform));
    tools = await listen(await buildToolServer(ctx, platform.tools));
    for (const role of ['user', 'admin'] as const) tokens[role] = await ctx.auth.sign({ sub: `${role}-1`, role }, '1h');
    mcp = await mcpClient(tools.url, tokens.user!);

    const now = Date.now();
    const day = (offset: number) => new Date(now + offset * 24 * HOUR).toISOString();
    expect(
      (await admin('/seasons', { id: 'spring', name: 'Spring', starts_at: day(-10), ends_at: day(20) })).status,
    ).toBe(201);
    expect(
      (
        await admin('', {
          slug: 'iron-hands',
          name: 'Iron Hands',
          tag: 'IRON',
          members: [{ handle: 'ada', role: 'leader' }, { handle: 'bo' }],
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin('', { slug: 'moon-cartel', name: 'Moon Cartel', members: [{ handle: 'cy', role: 'leader' }] }))
        .status,
    ).toBe(201);
    expect(
      (await admin('/wars', { clan_a: 'iron-hands', clan_b: 'moon-cartel', starts_at: day(-1), ends_at: day(3) }))
        .status,
    ).toBe(201);
    for (const [clan, event_id, points, member] of [
      ['iron-hands', 'ev-1', 120, 'ada'],
      ['iron-hands', 'ev-2', 40, 'bo'],
      ['moon-cartel', 'ev-3', 90, 'cy'],
    ] as const) {
      expect((await admin(`/${clan}/events`, { event_id, points, member, occurred_at: day(-0.5) })).status).toBe(201);
    }

    const item = (n: number, symbol: string, hoursAgo: number) =>
      toRow(
        ingestSchema.parse({
          external_id: `surf-${n}`,
          type: 'twitter',
          title: `${symbol} chatter ${n}`,
          tokens: [{ symbol }],
          source: { name: 'X' },
          agent_id: 'token-mentions',
          published_at: new Date(now - hoursAgo * HOUR).toISOString(),
        }),
      );
    await createIntelligenceRepository(ctx.db, ctx.metrics).insertMany([
      ...[30, 50, 70, 90].map((h, i) => item(i, 'BTC', h)),
      ...[2, 4, 6, 8, 10, 12].map((h, i) => item(10 + i, 'BTC', h)),
      ...[3, 9, 15].map((h, i) => item(20 + i, 'ZORB', h)),
    ]);
  });
  afterAll(async () => {
    await mcp?.close();
    await tools?.close();
    await gateway?.close();
    await ctx?.close();
  });

  const calls: Array<[string, Record<string, unknown>]> = [
    ['arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0.5 }],
    ['arbitrage.find_opportunities', { symbol: 'BTC', min_profit_pct: 0, size: 0.5 }],
    ['arbitrage.find_opportunities', { symbol: 'BTC/USDT', min_profit_pct: 0.5 }],
    ['arbitrage.scan', { limit: 5 }],
    ['arbitrage.scan', { min_profit_pct: 50 }],
    ['arbitrage.triangular', { exchange: 'binance', start_asset: 'USDT', limit: 3 }],
    ['arbitrage.spread', { symbol: 'SOL/USDT' }],
    ['clan.score_lookup', { clan: 'Iron Hands' }],
    ['clan.leaderboard', { limit: 5 }],
    ['clan.war_status', { clan: 'moon-cartel' }],
    ['clan.member_stats', { member: 'ada' }],
    ['osint.discover_coins', { window: '24h' }],
    ['osint.token_mentions', { token: 'btc', window: '24h' }],
    ['market.token_info', { symbol: 'bitcoin' }],
    ['market.prices', { symbols: ['BTC', 'ETH', 'NOSUCHTOKEN'] }],
  ];

  it.each(calls)('%s %j gives the same result over REST and MCP', async (name, parameters) => {
    const viaRest = await rest(name, parameters);
    expect(viaRest.status).toBe(200);
    const viaMcp = await mcp.callTool({ name, arguments: parameters });
    expect(viaMcp.isError).toBeFalsy();
    expect(withoutClockTimes(viaMcp.structuredContent)).toEqual(withoutClockTimes(viaRest.body.result));
  });

  it("quotes one price per token on every surface: the market tools, token/info and the venues' mids", async () => {
    for (const [symbol, name] of [
      ['BTC', 'bitcoin'],
      ['SOL', 'Solana'],
      ['XRP', 'ripple'],
    ] as const) {
      const info = (await rest('market.token_info', { symbol: name })).body.result;
      expect(info).toMatchObject({ symbol, as_of: new Date(T).toISOString(), source: 'embedded-simulation' });
      const gatewayInfo = await http(`${gateway.url}/api/v1/intelligence/token/info?symbol=${symbol}`);
      expect(gatewayInfo.body).toEqual(info);
      const viaMcp = await mcp.callTool({ name: 'market.prices', arguments: { symbols: [symbol, 'USDT'] } });
      const [listed, usdt] = (viaMcp.structuredContent as any).prices;
      expect(listed).toEqual({ query: symbol, ...info });

      // The venues quote in USDT: the path's price in USDT lies within their spread, each mid a few basis points away.
      const inUsdt = info.price_usd / usdt.price_usd;
      const spread = (await rest('arbitrage.spread', { symbol: `${symbol}/USDT` })).body.result;
      expect(spread.as_of).toBe(info.as_of);
      expect(Math.min(...spread.venues.map((v: any) => v.bid))).toBeLessThan(inUsdt);
      expect(Math.max(...spread.venues.map((v: any) => v.ask))).toBeGreaterThan(inUsdt);
      for (const venue of spread.venues) expect(Math.abs(venue.mid / inUsdt - 1)).toBeLessThan(0.0004);
    }
  });

  it("answers the specification's example with why nothing passes, amounts in their currency", async () => {
    const answer = await rest('arbitrage.find_opportunities', { symbol: 'BTC/USDT', min_profit_pct: 0.5 });
    expect(answer.status).toBe(200);
    const { opportunities, explanation } = answer.body.result;
    expect(opportunities).toEqual([]);
    expect(explanation.reason).toBe('no_price_gap');
    expect(explanation.best_candidate).toMatchObject({
      symbol: 'BTC/USDT',
      base_currency: 'BTC',
      quote_currency: 'USDT',
    });
    expect(explanation.best_candidate.net_profit_pct).toBeLessThan(0.5);
    expect(explanation.message).toContain('BTC/USDT');
  });

  it('answers with realistic content', async () => {
    const eth = (await rest('arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0.5 })).body.result;
    expect(eth.opportunities[0]).toMatchObject({ buy_venue: 'binance', sell_venue: 'okx' });
    const board = (await rest('clan.leaderboard', {})).body.result;
    expect(board).toMatchObject({ source: 'redis', season: { id: 'spring' } });
    expect(board.entries.map((e: any) => [e.rank, e.clan.slug, e.score])).toEqual([
      [1, 'iron-hands', 160],
      [2, 'moon-cartel', 90],
    ]);
    const war = (await rest('clan.war_status', { clan: 'iron-hands' })).body.result.war;
    expect(war).toMatchObject({ status: 'active', leader: 'iron-hands', margin: 70 });
    const coins = (await rest('osint.discover_coins', { window: '24h' })).body.result.tokens;
    expect(coins.map((c: any) => [c.token, c.first_seen, c.velocity])).toEqual([
      ['ZORB', true, 4],
      ['BTC', false, 3.5],
    ]); // (3 + 1) / 1; (6 + 1) / (4 / 4 + 1)
  });

  it.each([
    ['arbitrage.find_opportunities', { symbol: 'NOPE/USDT' }, 404, 'symbol'],
    ['arbitrage.find_opportunities', { symbol: 'ETH', min_profit_pct: 'lots' }, 400, 'min_profit_pct'],
    ['arbitrage.triangular', { exchange: 'mtgox' }, 404, 'exchange'],
    ['arbitrage.scan', { limit: 0 }, 400, 'limit'],
    ['market.token_info', { symbol: 'NOSUCHTOKEN' }, 404, 'symbol'],
    ['market.prices', { symbols: [] }, 400, 'symbols'],
    ['clan.war_status', { war_id: 'not-a-uuid' }, 400, 'war_id'],
    ['clan.war_status', { war_id: '00000000-0000-4000-8000-000000000000', clan: 'iron-hands' }, 400, 'war_id'],
    ['clan.member_stats', { member: 'nobody' }, 404, 'member'],
    ['osint.discover_coins', { window: 'forever' }, 400, 'window'],
  ] as const)(
    '%s %j fails the same way on both surfaces, naming the field',
    async (name, parameters, status, field) => {
      const viaRest = await rest(name, parameters);
      expect(viaRest.status).toBe(status);
      expect(viaRest.body.error.field).toBe(field);
      const viaMcp = await mcp.callTool({ name, arguments: parameters });
      expect(viaMcp.isError).toBe(true);
      expect(JSON.parse((viaMcp.content as Array<{ text: string }>)[0]!.text).error).toEqual(viaRest.body.error);
    },
  );

  it('keeps the clan admin REST for admins, idempotent per event id', async () => {
    const event = { event_id: 'ev-4', points: 15, member: 'cy' };
    expect((await admin('/moon-cartel/events', event, '')).status).toBe(401);
    expect((await admin('/moon-cartel/events', event, tokens.user)).status).toBe(403);
    expect((await admin('/moon-cartel/events', event)).status).toBe(201);
    const replay = await admin('/moon-cartel/events', event);
    expect(replay.status).toBe(200);
    expect(replay.body.created).toBe(false);
    const clash = await admin('/moon-cartel/events', { ...event, points: 50 });
    expect([clash.status, clash.body.error.field]).toEqual([409, 'event_id']);
    const bad = await admin('/moon-cartel/events', { event_id: 'ev-5', points: 0 });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'points']);
    expect((await rest('clan.score_lookup', { clan: 'moon-cartel' })).body.result.score).toBe(105);
  });
});

describe('tool rate limit across REST and MCP', () => {
  let ctx: AppContext;
  let tools: Listening;

  beforeAll(async () => {
    ctx = await createTestContext({ redis: true, env: { TOOL_RATE_LIMIT_PER_MINUTE: '3' } });
    tools = await listen(await buildToolServer(ctx, (await createPlatform(ctx)).tools));
  });
  afterAll(async () => {
    await tools?.close();
    await ctx?.close();
  });

  it('counts one caller’s calls on both surfaces against one limit', async () => {
    // The limit counts calls per clock minute: four calls that straddle a minute's end fall in two windows and
    // none is refused. Start where the next minute is at least 20 s away.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
    const token = await ctx.auth.sign({ sub: 'trader', role: 'user' }, '1h');
    const mcp = await mcpClient(tools.url, token);
    try {
      const call = () =>
        http(`${tools.url}/execute`, {
          method: 'POST',
          json: { tool_name: 'arbitrage.spread', parameters: { symbol: 'BTC' } },
          token,
        });
      expect((await call()).status).toBe(200);
      expect((await mcp.callTool({ name: 'arbitrage.spread', arguments: { symbol: 'BTC' } })).isError).toBeFalsy();
      expect((await call()).status).toBe(200);
      const limited = await call();
      expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
      expect((await mcp.callTool({ name: 'arbitrage.spread', arguments: { symbol: 'BTC' } })).isError).toBe(true);
    } finally {
      await mcp.close();
    }
  });

  it('refuses a call without a token outside development', async () => {
    const anonymous = await http(`${tools.url}/execute`, {
      method: 'POST',
      json: { tool_name: 'clan.leaderboard', parameters: {} },
    });
    expect(anonymous.status).toBe(401);
  });
});
