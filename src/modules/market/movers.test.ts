import { describe, expect, it } from 'vitest';
import type { TokenMarketInfo } from './marketData.ts';
import { rankMovers } from './movers.ts';

const coin = (symbol: string, change: number | null, asOf = '2026-01-10T12:00:00.000Z'): TokenMarketInfo => ({
  symbol,
  name: symbol,
  chain: 'ethereum',
  address: null,
  price_usd: 1,
  change_24h_pct: change,
  market_cap_usd: null,
  volume_24h_usd: null,
  holders: null,
  as_of: asOf,
  source: 'coingecko',
});

describe('ranking movers', () => {
  const coins = [coin('A', 2), coin('B', -7), coin('C', null), coin('D', 9, '2026-01-10T12:01:00.000Z'), coin('E', 0)];

  it('ranks the rises largest first and the falls largest first, leaving out a coin without a change or flat', () => {
    const movers = rankMovers(coins, 'both', 5, 'coingecko');
    expect(movers.gainers?.map((m) => [m.rank, m.symbol])).toEqual([
      [1, 'D'],
      [2, 'A'],
    ]);
    expect(movers.losers?.map((m) => [m.rank, m.symbol])).toEqual([[1, 'B']]);
    expect(movers).toMatchObject({ ranked: 5, quote_currency: 'USD', as_of: '2026-01-10T12:01:00.000Z' });
  });

  it('answers the direction asked, at most `limit` of it', () => {
    const gainers = rankMovers(coins, 'gainers', 1, 'embedded');
    expect(gainers.gainers?.map((m) => m.symbol)).toEqual(['D']);
    expect(gainers).not.toHaveProperty('losers');
    expect(gainers.source).toBe('embedded-simulation');
    expect(rankMovers([], 'losers', 5, 'embedded')).toMatchObject({ losers: [], ranked: 0, as_of: null });
  });
});
