import type { z } from 'zod';
import type { TokenMarketInfo } from './marketData.ts';
import type { moversInput, moversOutput } from './schemas.ts';

type Direction = z.output<typeof moversInput>['direction'];
type Movers = z.output<typeof moversOutput>;

/** How many of the largest coins movers are ranked among: CoinGecko's page of `/coins/markets`, the majors and well past them. */
export const MOVERS_UNIVERSE = 250;

const ranked = (coins: TokenMarketInfo[]) => coins.map((coin, i) => ({ ...coin, rank: i + 1 }));

/**
 * The day's movers among `coins`: gainers are coins that rose, the largest
 * rise first; losers coins that fell, the largest fall first. A coin without
 * a 24 h change is neither, and a quiet day may have fewer than `limit` of
 * either rather than a "gainer" that fell.
 */
export function rankMovers(
  coins: TokenMarketInfo[],
  direction: Direction,
  limit: number,
  kind: 'embedded' | 'coingecko',
): Movers {
  const changed = coins.filter((coin) => coin.change_24h_pct !== null);
  const change = (coin: TokenMarketInfo) => coin.change_24h_pct!;
  const gainers = changed.filter((coin) => change(coin) > 0).sort((a, b) => change(b) - change(a));
  const losers = changed.filter((coin) => change(coin) < 0).sort((a, b) => change(a) - change(b));
  // The newest quote: CoinGecko's rows each carry their own update time.
  const asOf =
    coins
      .map((coin) => coin.as_of)
      .sort()
      .at(-1) ?? null;
  return {
    direction,
    quote_currency: 'USD',
    ranked: coins.length,
    ...(direction !== 'losers' && { gainers: ranked(gainers.slice(0, limit)) }),
    ...(direction !== 'gainers' && { losers: ranked(losers.slice(0, limit)) }),
    as_of: asOf,
    source: kind === 'coingecko' ? 'coingecko' : 'embedded-simulation',
  };
}
