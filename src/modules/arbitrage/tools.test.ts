import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { platformModules, type AlphaNest } from '../../platform.ts';
import { arbitrageModuleAt } from './index.ts';

const T = Date.parse('2026-03-01T00:05:20Z'); // seed 42: binance's ETH/USDT is dislocated by about 2.4 %

describe('arbitrage tools', () => {
  let ctx: AppContext;
  let platform: AlphaNest;

  /** A guest's call through the registry (role, parameters and output checked as on every surface). */
  async function call(name: string, parameters: Record<string, unknown>) {
    const outcome = await platform.tools.registry.execute(name, parameters, { principal: null });
    if (!outcome.ok)
      throw Object.assign(new Error(outcome.error.message), { status: outcome.status, field: outcome.error.field });
    return outcome.result as any;
  }

  beforeAll(async () => {
    ctx = await createTestContext({ env: { TOOL_RATE_LIMIT_PER_MINUTE: '1000' } });
    platform = await platformModules.replace(arbitrageModuleAt(() => T)).create(ctx);
  });
  afterAll(() => ctx?.close());

  it('finds cross-exchange opportunities at their executable size, best first', async () => {
    const result = await call('arbitrage.find_opportunities', { symbol: 'eth', min_profit_pct: 1 });
    expect(result.as_of).toBe('2026-03-01T00:05:20.000Z');
    expect(result.source).toBe('simulated');
    expect(result.opportunities.map((o: any) => `${o.buy_venue}>${o.sell_venue}`)).toEqual([
      'binance>okx',
      'binance>bybit',
      'binance>coinbase',
    ]);
    const [best] = result.opportunities;
    expect(best).toMatchObject({
      symbol: 'ETH/USDT',
      base_currency: 'ETH',
      quote_currency: 'USDT',
      buy_fee_pct: 0.04,
      sell_fee_pct: 0.08,
      complete: true,
    });
    expect(result).not.toHaveProperty('explanation');
    expect(best.size).toBe(best.executable_size);
    expect(best.sell_price).toBeGreaterThan(best.buy_price * 1.01);
    expect(best.net_profit).toBeCloseTo((best.cost * best.net_profit_pct) / 100, 0);
  });

  it('explains an empty answer: the best candidate, its net % and why it falls short', async () => {
    // The specification's example: BTC/USDT is calm at T, its venues' books do not cross.
    const result = await call('arbitrage.find_opportunities', { symbol: 'BTC/USDT', min_profit_pct: 0.5 });
    expect(result.opportunities).toEqual([]);
    expect(result.explanation).toMatchObject({
      reason: 'no_price_gap',
      as_of: '2026-03-01T00:05:20.000Z',
      best_candidate: { symbol: 'BTC/USDT', base_currency: 'BTC', quote_currency: 'USDT', fees_pct: 0.12 },
    });
    const candidate = result.explanation.best_candidate;
    expect(candidate.gross_spread_pct).toBeLessThanOrEqual(0);
    expect(candidate.net_profit_pct).toBeCloseTo(candidate.gross_spread_pct - candidate.fees_pct, 2);
    expect(result.explanation.message).toMatch(
      /^No trade on BTC\/USDT nets 0\.5 % or more after taker fees: no venue bids above another's ask\./,
    );
    expect(result.explanation.message).toContain(`${candidate.net_profit_pct} % after the taker fees`);

    // ETH/USDT's dislocation pays about 1.2 %, short of 5 %.
    const eth = await call('arbitrage.find_opportunities', { symbol: 'ETH', min_profit_pct: 5 });
    expect(eth.explanation).toMatchObject({
      reason: 'below_min_profit',
      best_candidate: { buy_venue: 'binance', sell_venue: 'okx' },
    });
  });

  it('reads the engine’s current scan when there is one, with the same figures', async () => {
    const onDemand = await call('arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0 });
    await platform.arbitrage.engine.scanOnce();
    expect(await call('arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0 })).toEqual(onDemand);
  });

  it('prices a requested size over depth and says when the books cannot fill it', async () => {
    const one = await call('arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0, size: 1 });
    expect(one.opportunities.every((o: any) => o.size === 1 && o.complete)).toBe(true);
    const huge = await call('arbitrage.find_opportunities', { symbol: 'ETH/USDT', min_profit_pct: 0, size: 1e9 });
    // binance's thin book runs out first: all of it is still worth buying.
    expect(huge.opportunities[0]).toMatchObject({ buy_venue: 'binance', complete: false });
    expect(huge.opportunities[0].size).toBeLessThan(1e4);
  });

  it('scans every market, best first, and explains an empty scan', async () => {
    const result = await call('arbitrage.scan', { limit: 5 });
    expect(result).toMatchObject({ as_of: '2026-03-01T00:05:20.000Z', source: 'simulated', markets: 50 });
    expect(result.opportunities).toHaveLength(5);
    expect(result.opportunities[0]).toMatchObject({ symbol: 'ETH/USDT', buy_venue: 'binance', sell_venue: 'okx' });
    const pcts = result.opportunities.map((o: any) => o.net_profit_pct);
    expect(pcts).toEqual([...pcts].sort((a, b) => b - a));
    expect(result).not.toHaveProperty('explanation');

    const none = await call('arbitrage.scan', { min_profit_pct: 50 });
    expect(none.opportunities).toEqual([]);
    expect(none.explanation).toMatchObject({
      reason: 'below_min_profit',
      best_candidate: { symbol: 'ETH/USDT', buy_venue: 'binance', sell_venue: 'okx' },
    });
    expect(none.explanation.message).toMatch(
      /^No trade in any of 50 markets nets 50 % or more after taker fees\. Best: buy ETH on binance/,
    );
  });

  it('finds triangular cycles on one venue, fees on every leg', async () => {
    const result = await call('arbitrage.triangular', { exchange: 'binance' });
    expect(result.start_asset).toBe('USDT');
    expect(result.cycles.length).toBeGreaterThan(4);
    for (const cycle of result.cycles) {
      expect(cycle.path[0]).toBe('USDT');
      expect(cycle.path.at(-1)).toBe('USDT');
      expect(cycle.legs).toHaveLength(3);
      expect(cycle.legs.every((leg: any) => leg.fee_pct === 0.04)).toBe(true);
      // Each leg says what it spends and receives: the path, asset by asset.
      expect(cycle.legs.map((leg: any) => leg.asset_in)).toEqual(cycle.path.slice(0, 3));
      expect(cycle.legs.map((leg: any) => leg.asset_out)).toEqual(cycle.path.slice(1));
    }
    // The dislocated ETH/USDT book makes buying ETH on binance and selling it through another market pay.
    expect(result.cycles[0].path.slice(0, 2)).toEqual(['USDT', 'ETH']);
    expect(result.cycles[0].net_profit_pct).toBeGreaterThan(1);
  });

  it('shows the spread on every venue and across them', async () => {
    const result = await call('arbitrage.spread', { symbol: 'ETH/USDT' });
    expect(result).toMatchObject({ base_currency: 'ETH', quote_currency: 'USDT' });
    expect(result.venues).toHaveLength(5);
    expect(result.best_ask.venue).toBe('binance');
    expect(result.best_bid.venue).toBe('okx');
    expect(result.cross_spread_pct).toBeCloseTo(
      ((result.best_bid.price - result.best_ask.price) / result.best_ask.price) * 100,
      3,
    );
    expect(result.cross_spread_after_fees_pct).toBeLessThan(result.cross_spread_pct);
    for (const venue of result.venues) expect(venue.spread_pct).toBeLessThan(0.05);
  });

  it('names the field of a bad or unknown parameter', async () => {
    const fieldOf = async (name: string, parameters: Record<string, unknown>) => {
      const failure = await call(name, parameters).then(
        () => null,
        (err: { status: number; field?: string }) => [err.status, err.field],
      );
      if (!failure) throw new Error('expected a failure');
      return failure;
    };
    expect(await fieldOf('arbitrage.find_opportunities', { symbol: 'BTC USDT' })).toEqual([400, 'symbol']);
    expect(await fieldOf('arbitrage.find_opportunities', { symbol: 'BTC', min_profit_pct: -1 })).toEqual([
      400,
      'min_profit_pct',
    ]);
    expect(await fieldOf('arbitrage.find_opportunities', { symbol: 'BTC', size: 0 })).toEqual([400, 'size']);
    expect(await fieldOf('arbitrage.find_opportunities', { symbol: 'NOPE/USDT' })).toEqual([404, 'symbol']);
    expect(await fieldOf('arbitrage.triangular', { exchange: 'mtgox' })).toEqual([404, 'exchange']);
    expect(await fieldOf('arbitrage.triangular', { exchange: 'binance', start_asset: 'EUR' })).toEqual([
      404,
      'start_asset',
    ]);
    expect(await fieldOf('arbitrage.spread', {})).toEqual([400, 'symbol']);
  });
});
