import type { TokenRecord, TokenRegistry } from '../tokens/index.ts';
import type { MarketData, TokenMarketInfo } from './marketData.ts';
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

/** Market data without a network: tokens the registry knows, priced by the deterministic simulation. */
export function createEmbeddedMarketData({ registry, now }: EmbeddedMarketDataOptions): MarketData {
  const quote = (token: TokenRecord | undefined, at: number) => (token ? quoted(token, at) : null);
  return {
    kind: 'embedded',
    tokenInfo: async (query) => quote(resolveToken(registry, query), now().getTime()),
    async tokenInfos(symbols) {
      const at = now().getTime();
      return symbols.map((symbol) => quote(resolveToken(registry, { symbol }), at));
    },
  };
}
