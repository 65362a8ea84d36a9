import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { createMemoryCallLimiter } from '../tools/callLimiter.ts';
import { createToolRegistry, type ToolRegistry } from '../tools/registry.ts';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createEmbeddedMarketData } from './embeddedMarketData.ts';
import type { MarketData } from './marketData.ts';
import { MarketDataUnavailableError } from './marketDataError.ts';
import { marketTools } from './tools.ts';

const T = new Date('2026-03-01T00:05:20.400Z');
const USDC_BASE = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913';

describe('market tools', () => {
  let ctx: AppContext;
  let registry: ToolRegistry;
  const embedded = createEmbeddedMarketData({ registry: createTokenRegistry(), now: () => T });
  const down: MarketData = {
    kind: 'coingecko',
    tokenInfo: () => Promise.reject(new MarketDataUnavailableError('CoinGecko answered HTTP 500 to /coins/markets')),
    tokenInfos: () => Promise.reject(new MarketDataUnavailableError('CoinGecko answered HTTP 500 to /coins/markets')),
    largestCoins: () => Promise.reject(new MarketDataUnavailableError('CoinGecko answered HTTP 500 to /coins/markets')),
  };

  /** A guest's call, as every surface makes it. */
  const call = (name: string, parameters: unknown) => registry.execute(name, parameters, { principal: null });
  async function result(name: string, parameters: unknown) {
    const outcome = await call(name, parameters);
    if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
    return outcome.result as any;
  }
  async function failure(name: string, parameters: unknown) {
    const outcome = await call(name, parameters);
    if (outcome.ok) throw new Error(`${name} did not fail`);
    return { status: outcome.status, code: outcome.error.code, field: outcome.error.field };
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    const limiter = createMemoryCallLimiter({ perMinute: 1_000 });
    registry = createToolRegistry(ctx, [{ name: 'market', description: 'market data', tools: marketTools(embedded) }], {
      limiter,
    });
  });
  afterAll(() => ctx?.close());

  it('quotes a token named by ticker, name or CoinGecko id, or by contract', async () => {
    const btc = await result('market.token_info', { symbol: 'bitcoin' });
    expect(btc).toMatchObject({
      symbol: 'BTC',
      name: 'Bitcoin',
      as_of: '2026-03-01T00:05:20.000Z',
      source: 'embedded-simulation',
    });
    expect(await result('market.token_info', { symbol: '$BTC' })).toEqual(btc);
    expect(await result('market.token_info', { address: USDC_BASE, chain: 'base' })).toMatchObject({
      symbol: 'USDC',
      chain: 'base',
    });
  });

  it('says which token it does not know, naming the field', async () => {
    expect(await failure('market.token_info', { symbol: 'NOSUCHTOKEN' })).toEqual({
      status: 404,
      code: 'not_found',
      field: 'symbol',
    });
    const dead = { address: '0x000000000000000000000000000000000000dEaD', chain: 'ethereum' };
    expect(await failure('market.token_info', dead)).toEqual({ status: 404, code: 'not_found', field: 'address' });
  });

  it.each([
    [{}, 'symbol'],
    [{ symbol: 'BTC', address: USDC_BASE, chain: 'base' }, 'symbol'],
    [{ address: USDC_BASE }, 'chain'],
    [{ symbol: '' }, 'symbol'],
  ])('refuses %j, naming %s', async (parameters, field) => {
    expect(await failure('market.token_info', parameters)).toMatchObject({ status: 400, field });
  });

  it('prices a list at one instant, each token once, and lists the unknown ones instead of failing', async () => {
    const answer = await result('market.prices', { symbols: ['BTC', 'eth', 'NOSUCHTOKEN', 'bitcoin', 'btc'] });
    expect(answer.prices.map((p: any) => [p.query, p.symbol])).toEqual([
      ['BTC', 'BTC'],
      ['eth', 'ETH'],
      ['bitcoin', 'BTC'],
    ]);
    expect(answer.not_found).toEqual(['NOSUCHTOKEN']);
    const [btc, , bitcoin] = answer.prices;
    expect(bitcoin.price_usd).toBe(btc.price_usd);
    const { query: _query, ...single } = btc;
    expect(single).toEqual(await result('market.token_info', { symbol: 'BTC' }));
  });

  it('takes one to 25 tokens', async () => {
    expect(await failure('market.prices', { symbols: [] })).toMatchObject({ status: 400, field: 'symbols' });
    const many = Array.from({ length: 26 }, (_, i) => `T${i}`);
    expect(await failure('market.prices', { symbols: many })).toMatchObject({ status: 400, field: 'symbols' });
  });

  it('lists the day’s top gainers and losers among the largest coins, with price, 24 h change and quote currency', async () => {
    const both = await result('market.movers', {});
    expect(both).toMatchObject({ direction: 'both', quote_currency: 'USD', source: 'embedded-simulation' });
    expect(both.ranked).toBeGreaterThan(50);
    expect(both.gainers).toHaveLength(5);
    expect(both.losers).toHaveLength(5);
    const changes = (rows: any[]) => rows.map((row) => row.change_24h_pct);
    expect(changes(both.gainers)).toEqual([...changes(both.gainers)].sort((a, b) => b - a));
    expect(changes(both.losers)).toEqual([...changes(both.losers)].sort((a, b) => a - b));
    expect(Math.min(...changes(both.gainers))).toBeGreaterThan(0);
    expect(Math.max(...changes(both.losers))).toBeLessThan(0);
    expect(both.gainers.map((row: any) => row.rank)).toEqual([1, 2, 3, 4, 5]);
    // The same quote market.prices gives at that instant.
    const { rank: _rank, ...top } = both.gainers[0];
    const [priced] = (await result('market.prices', { symbols: [top.symbol] })).prices;
    expect({ ...priced, query: undefined }).toEqual({ ...top, query: undefined });

    const gainers = await result('market.movers', { direction: 'gainers', limit: 3 });
    expect(gainers.gainers).toEqual(both.gainers.slice(0, 3));
    expect(gainers).not.toHaveProperty('losers');
    expect((await result('market.movers', { direction: 'losers', limit: 50 })).losers.length).toBeGreaterThan(5);
  });

  it.each([
    [{ direction: 'up' }, 'direction'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 51 }, 'limit'],
  ])('refuses movers %j, naming %s', async (parameters, field) => {
    expect(await failure('market.movers', parameters)).toMatchObject({ status: 400, field });
  });

  it('answers a provider failure with 502 market_data_unavailable', async () => {
    const limiter = createMemoryCallLimiter({ perMinute: 1_000 });
    const failing = createToolRegistry(
      ctx,
      [{ name: 'market', description: 'market data', tools: marketTools(down) }],
      { limiter },
    );
    for (const [name, parameters] of [
      ['market.token_info', { symbol: 'BTC' }],
      ['market.prices', { symbols: ['BTC'] }],
      ['market.movers', {}],
    ] as const) {
      const outcome = await failing.execute(name, parameters, { principal: null });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect([outcome.status, outcome.error.code]).toEqual([502, 'market_data_unavailable']);
    }
  });
});
