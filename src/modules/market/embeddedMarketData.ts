import type { TokenRecord, TokenRegistry } from '../tokens/index.ts';
import type { MarketData, TokenMarketInfo, TokenQuery } from './marketData.ts';
import { quoteMinute, simulatedAsset, simulatedQuote } from './simulatedQuotes.ts';

export interface EmbeddedMarketDataOptions {
  registry: TokenRegistry;
  now: () => Date;
}

const roundTo = (value: number, digits: number) => Number(value.toPrecision(digits));

/** Market data without a network: tokens the registry knows, priced by the deterministic simulation. */
export function createEmbeddedMarketData({ registry, now }: EmbeddedMarketDataOptions): MarketData {
  const resolve = (query: TokenQuery): TokenRecord | undefined =>
    'symbol' in query ? registry.bySymbol(query.symbol)[0] : registry.byAddress(query.address, query.chain);

  return {
    kind: 'embedded',
    async tokenInfo(query): Promise<TokenMarketInfo | null> {
      const token = resolve(query);
      if (!token) return null;
      const minute = quoteMinute(now());
      const quote = simulatedQuote(simulatedAsset(token), minute);
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
        as_of: new Date(minute * 60_000).toISOString(),
        source: 'embedded-simulation',
      };
    },
  };
}
