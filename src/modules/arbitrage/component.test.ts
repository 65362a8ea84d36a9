import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import { http, HEALTHY_NODE } from '../../../test/support/gateway.ts';
import type { AppContext } from '../../core/context.ts';
import { platformModules } from '../../platform.ts';
import { arbitrageModuleAt } from './index.ts';
import { buildArbitrageApp } from './arbitrageComponent.ts';

const T = Date.parse('2026-03-01T00:05:20Z'); // seed 42: binance's ETH/USDT is dislocated by about 2.4 %

describe('arbitrage HTTP service (GET /opportunities)', () => {
  let ctx: AppContext;
  let url: string;
  let close: () => Promise<unknown>;

  beforeAll(async () => {
    ctx = await createTestContext({ redis: true, env: { GLOBAL_LIMIT_TIMES: '8' } });
    const platform = await platformModules.replace(arbitrageModuleAt(() => T)).create(ctx);
    const app = await buildArbitrageApp(platform, platform.arbitrage);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    close = () => app.close();
  });
  afterAll(async () => {
    await close?.();
    await ctx?.close();
  });

  it('lists the current opportunities, best first, filtered by symbol and minimum profit', async () => {
    const all = await http(`${url}/opportunities`);
    expect(all.status).toBe(200);
    expect(all.body.as_of).toBe('2026-03-01T00:05:20.000Z');
    expect(all.body.opportunities.length).toBeGreaterThan(3);
    const eth = await http(`${url}/opportunities?symbol=ETH/USDT&min_profit_pct=1`);
    expect(eth.body.opportunities.map((o: any) => o.sell_venue)).toEqual(['okx', 'bybit', 'coinbase']);
    expect(eth.body.opportunities.every((o: any) => o.symbol === 'ETH/USDT' && o.net_profit_pct >= 1)).toBe(true);
  });

  it('answers a bad parameter with a 400 naming it, a market no venue lists with a 404, and a bad token with a 401', async () => {
    const bad = await http(`${url}/opportunities?min_profit_pct=lots`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_parameter', field: 'min_profit_pct' });
    expect((await http(`${url}/opportunities?symbol=BTC%20USDT`)).body.error.field).toBe('symbol');
    const unknown = await http(`${url}/opportunities?sybmol=BTC/USDT`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'invalid_parameter', field: 'sybmol' });
    const unlisted = await http(`${url}/opportunities?symbol=NOPE/USDT`);
    expect(unlisted.status).toBe(404);
    expect(unlisted.body.error).toMatchObject({ code: 'not_found', field: 'symbol' });
    const forged = await http(`${url}/opportunities`, { token: 'not.a.token' });
    expect(forged.status).toBe(401);
  });

  it("reports on /health what the gateway's does, the secrets store beside the database, cache and bus", async () => {
    const health = await http(`${url}/health`);
    expect(health.body).toEqual(HEALTHY_NODE);
  });

  it('applies the global rate limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await http(`${url}/opportunities?limit=1`)).status);
    expect(statuses).toContain(429);
    expect((await http(`${url}/health`)).status).toBe(200);
  });
});
