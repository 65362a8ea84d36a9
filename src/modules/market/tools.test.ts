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
    ] as const) {
      const outcome = await failing.execute(name, parameters, { principal: null });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect([outcome.status, outcome.error.code]).toEqual([502, 'market_data_unavailable']);
    }
  });
});
