import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createEmbeddedMarketData } from './embeddedMarketData.ts';
import type { TokenQuery } from './marketData.ts';

const registry = createTokenRegistry();
const at = (iso: string) => createEmbeddedMarketData({ registry, now: () => new Date(iso) });
const NOW = '2026-01-10T12:00:30Z';

async function quote(query: TokenQuery, iso = NOW) {
  const info = await at(iso).tokenInfo(query);
  if (!info) throw new Error(`no quote for ${JSON.stringify(query)}`);
  return info;
}

describe('embedded market data', () => {
  it('is deterministic for the same token and second', async () => {
    const a = await quote({ symbol: 'ETH' });
    expect(await quote({ symbol: 'eth' }, '2026-01-10T12:00:30.999Z')).toEqual(a);
    expect(a).toMatchObject({
      symbol: 'ETH',
      chain: 'ethereum',
      address: null,
      holders: null,
      source: 'embedded-simulation',
      as_of: '2026-01-10T12:00:30.000Z',
    });
    expect((await quote({ symbol: 'ETH' }, '2026-01-10T12:01:30Z')).price_usd).not.toBe(a.price_usd);
  });

  it('keeps majors near their reference prices', async () => {
    for (const [symbol, reference] of [
      ['BTC', 90_000],
      ['ETH', 3_000],
      ['SOL', 150],
    ] as const) {
      const { price_usd } = await quote({ symbol });
      expect(price_usd! / reference).toBeGreaterThan(0.6);
      expect(price_usd! / reference).toBeLessThan(1.6);
    }
  });

  it('keeps stablecoins within a cent of a dollar', async () => {
    for (const iso of ['2026-01-10T12:00:00Z', '2026-04-01T03:17:00Z', '2027-09-30T23:59:00Z']) {
      for (const symbol of ['USDT', 'USDC', 'DAI']) {
        expect(Math.abs((await quote({ symbol }, iso)).price_usd! - 1)).toBeLessThan(0.01);
      }
    }
  });

  it('computes the 24 h change from the price a day earlier', async () => {
    const now = await quote({ symbol: 'SOL' });
    const dayAgo = await quote({ symbol: 'SOL' }, '2026-01-09T12:00:30Z');
    const expected = (now.price_usd! / dayAgo.price_usd! - 1) * 100;
    expect(now.change_24h_pct).toBeCloseTo(expected, 1);
  });

  it('prices every deployment of one asset alike and a wrapped token like its asset', async () => {
    const usdcBase = await quote({ address: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', chain: 'base' });
    const usdcEthereum = await quote({ symbol: 'USDC' });
    expect(usdcBase.price_usd).toBe(usdcEthereum.price_usd);
    const weth = await quote({ address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', chain: 'ethereum' });
    expect(weth.price_usd).toBe((await quote({ symbol: 'ETH' })).price_usd);
  });

  it('orders market caps by rank and simulates holders only for contracts', async () => {
    const btc = await quote({ symbol: 'BTC' });
    const link = await quote({ symbol: 'LINK' });
    const unranked = await quote({ symbol: 'MICHI' });
    expect(btc.market_cap_usd!).toBeGreaterThan(link.market_cap_usd!);
    expect(link.market_cap_usd!).toBeGreaterThan(unranked.market_cap_usd!);
    for (const q of [btc, link, unranked]) expect(q.volume_24h_usd!).toBeGreaterThan(0);
    expect(btc.holders).toBeNull();
    expect(link.holders).toBeGreaterThan(unranked.holders!);
  });

  it('knows a token by its name or CoinGecko id as well as its ticker', async () => {
    const btc = await quote({ symbol: 'BTC' });
    expect(await quote({ symbol: 'bitcoin' })).toEqual(btc);
    expect(await quote({ symbol: 'Bitcoin' })).toEqual(btc);
  });

  it('quotes several tokens at one instant, null for an unknown one', async () => {
    const [btc, unknown, eth] = await at(NOW).tokenInfos(['btc', 'NOSUCHTOKEN', 'ethereum']);
    expect(btc).toEqual(await quote({ symbol: 'BTC' }));
    expect(unknown).toBeNull();
    expect(eth).toEqual(await quote({ symbol: 'ETH' }));
  });

  it('answers null for tokens the registry does not know', async () => {
    expect(await at(NOW).tokenInfo({ symbol: 'NOSUCHTOKEN' })).toBeNull();
    expect(
      await at(NOW).tokenInfo({ address: '0x000000000000000000000000000000000000dEaD', chain: 'ethereum' }),
    ).toBeNull();
  });
});
