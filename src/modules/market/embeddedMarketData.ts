import type { TokenRecord, TokenRegistry } from '../tokens/index.ts';
import type { MarketData, TokenMarketInfo } from './marketData.ts';
import { MOVERS_UNIVERSE } from './movers.ts';
import { pathInstant, simulatedAsset, simulatedQuote } from './simulatedQuotes.ts';
import { resolveToken } from './tokenResolution.ts';

export interface EmbeddedMarketDataOptions {
  registry: TokenRegistry;
  now: () => Date;
}

const roundTo = (value: number, digits: number) => Number(value.toPrecision(digits));

/** A token as the simulation quotes it at `at` (epoch ms): the price is the one the simulated exchanges trade around. */
function quoted(token: TokenRecord, at: number): TokenMarketInfo {
  const quote = simulatedQuote(simulatedAsset(token), at);
  return {
    symbol: token.symbol,
    name: token.name,
    chain: token.chain,
    address: token.address,
    price_usd: roundTo(quote.price, 6),
    change_24h_pct: Math.round(quote.change24hPct * 100) / 100,
    market_cap_usd: Math.round(quote.marketCap),
    volume_24h_usd: Math.round(quote.volume24h),
    holders: quote.holders,
    as_of: new Date(pathInstant(at)).toISOString(),
    source: 'embedded-simulation',
  };
}

/** The registry's ranked tokens, best first, each ticker once (at its best-ranked token, as a ticker resolves). */
function largest(registry: TokenRegistry): TokenRecord[] {
  const ranked = registry
    .all()
    .filter((token) => token.rank !== undefined)
    .sort((a, b) => a.rank! - b.rank!);
  const seen = new Set<string>();
  return ranked.filter((token) => !seen.has(token.symbol) && seen.add(token.symbol)).slice(0, MOVERS_UNIVERSE);
}

/** Market data without a network: tokens the registry knows, priced by the deterministic simulation. */
export function createEmbeddedMarketData({ registry, now }: EmbeddedMarketDataOptions): MarketData {
  const quote = (token: TokenRecord | undefined, at: number) => (token ? quoted(token, at) : null);
  let universe: TokenRecord[] | undefined;
  return {
    kind: 'embedded',
    tokenInfo: async (query) => quote(resolveToken(registry, query), now().getTime()),
    async tokenInfos(symbols) {
      const at = now().getTime();
      return symbols.map((symbol) => quote(resolveToken(registry, { symbol }), at));
    },
    async largestCoins() {
      const at = now().getTime();
      universe ??= largest(registry);
      return universe.map((token) => quoted(token, at));
    },
  };
}
