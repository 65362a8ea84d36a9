import type { TokenRegistry } from '../tokens/index.ts';
import type { HttpClient } from '../../core/outbound/httpClient.ts';
import { createCoinGeckoMarketData } from './coingeckoMarketData.ts';
import { createEmbeddedMarketData } from './embeddedMarketData.ts';

export interface TokenMarketInfo {
  symbol: string;
  name: string;
  chain: string;
  address: string | null;
  price_usd: number | null;
  change_24h_pct: number | null;
  market_cap_usd: number | null;
  volume_24h_usd: number | null;
  holders: number | null;
  /** ISO time of the quote. */
  as_of: string;
  /** 'embedded-simulation' or 'coingecko'. */
  source: string;
}

export type TokenQuery = { symbol: string } | { address: string; chain: string };

export interface MarketData {
  kind: 'embedded' | 'coingecko';
  /**
   * A token by contract and chain, or by what people call it (ticker, name or CoinGecko id, resolved
   * through the token registry). Null when the token is unknown; throws when the upstream source fails (callers answer 502).
   */
  tokenInfo(query: TokenQuery, signal?: AbortSignal): Promise<TokenMarketInfo | null>;
  /** Several tokens by ticker, name or CoinGecko id at one instant (CoinGecko: one request), in the order asked; null for an unknown one. */
  tokenInfos(symbols: readonly string[], signal?: AbortSignal): Promise<Array<TokenMarketInfo | null>>;
  /**
   * The largest coins by market cap (at most MOVERS_UNIVERSE of movers.ts, each once, as the token registry names
   * them) at one instant: what the day's gainers and losers are ranked among (CoinGecko: one request).
   */
  largestCoins(signal?: AbortSignal): Promise<TokenMarketInfo[]>;
}

export interface MarketDataConfig {
  MARKET_DATA: 'embedded' | 'coingecko';
  COINGECKO_BASE_URL: string;
  COINGECKO_API_KEY?: string;
}

export interface MarketDataDeps {
  registry: TokenRegistry;
  now?: () => Date;
  /** CoinGecko's; default: a client with a 5 s timeout. */
  http?: HttpClient;
  /** CoinGecko's API key, read for every request (the secrets store's `coingecko`); default COINGECKO_API_KEY. */
  apiKey?: () => string | undefined;
}

export function createMarketData(config: MarketDataConfig, deps: MarketDataDeps): MarketData {
  const now = deps.now ?? (() => new Date());
  if (config.MARKET_DATA === 'coingecko') {
    return createCoinGeckoMarketData({
      baseUrl: config.COINGECKO_BASE_URL,
      apiKey: deps.apiKey ?? (() => config.COINGECKO_API_KEY),
      registry: deps.registry,
      now,
      http: deps.http,
    });
  }
  return createEmbeddedMarketData({ registry: deps.registry, now });
}
