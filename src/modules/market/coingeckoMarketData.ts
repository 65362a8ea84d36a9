import { isAddress } from 'viem';
import {
  HttpConnectionError,
  HttpStatusError,
  HttpTimeoutError,
  OutboundHttpError,
} from '../../core/outbound/errors.ts';
import { createHttpClient, type HttpClient } from '../../core/outbound/httpClient.ts';
import { type TokenRecord, type TokenRegistry, canonicalAddress } from '../tokens/index.ts';
import type { z } from 'zod';
import { COINGECKO_PLATFORMS } from './coingeckoPlatforms.ts';
import { coinMarketsSchema, contractCoinSchema } from './coingeckoSchemas.ts';
import type { MarketData, TokenMarketInfo, TokenQuery } from './marketData.ts';
import { MOVERS_UNIVERSE } from './movers.ts';
import { MarketDataUnavailableError } from './marketDataError.ts';
import { createResultMemo } from './resultMemo.ts';

export interface CoinGeckoMarketDataOptions {
  baseUrl: string;
  /** Read for every request: a key rotated in the secrets store is sent by the next one. */
  apiKey?: () => string | undefined;
  registry: TokenRegistry;
  now: () => Date;
  /** Default: a client with a 5 s timeout. */
  http?: HttpClient;
  memoTtlMs?: number;
}

type Quote = Pick<TokenMarketInfo, 'price_usd' | 'change_24h_pct' | 'market_cap_usd' | 'volume_24h_usd'> & {
  lastUpdated: string | null | undefined;
};
type Identity = Pick<TokenMarketInfo, 'symbol' | 'name' | 'chain' | 'address'>;

/** Live quotes from the CoinGecko API (demo or public tier); identity comes from the registry when it knows the token. */
export function createCoinGeckoMarketData(options: CoinGeckoMarketDataOptions): MarketData {
  const { registry, now, http = createHttpClient({ timeoutMs: 5_000 }) } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const memoOptions = { ttlMs: options.memoTtlMs ?? 30_000, now };
  const contracts = createResultMemo<TokenMarketInfo | null>(memoOptions);
  const markets = createResultMemo<z.output<typeof coinMarketsSchema>>(memoOptions);
  // The body may echo the API key back: it is for the log, and even there without the key.
  const redacted = (text: string, apiKey: string | undefined) => (apiKey ? text.replaceAll(apiKey, '[api key]') : text);

  /** What clients are told (the endpoint, not the query string) and what only the log gets (`detail`). */
  function unavailable(err: unknown, route: string, apiKey: string | undefined): unknown {
    if (err instanceof HttpStatusError) {
      const detail = redacted(err.body, apiKey);
      return new MarketDataUnavailableError(`CoinGecko answered HTTP ${err.status} to ${route}`, { detail });
    }
    if (err instanceof HttpTimeoutError) {
      return new MarketDataUnavailableError(`CoinGecko did not answer ${route} within ${err.timeoutMs} ms`);
    }
    if (err instanceof HttpConnectionError) {
      const detail = err.message;
      return new MarketDataUnavailableError(`CoinGecko could not be reached for ${route}`, { cause: err, detail });
    }
    if (err instanceof OutboundHttpError) {
      return new MarketDataUnavailableError(`CoinGecko answered ${route} with something that is not JSON`);
    }
    return err;
  }

  /** Parsed JSON, or null when CoinGecko says 404 (it does so for unknown contracts). */
  async function getJson(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    const apiKey = options.apiKey?.();
    const headers: Record<string, string> = apiKey ? { 'x-cg-demo-api-key': apiKey } : {};
    try {
      return await http.json(`${baseUrl}${path}`, { signal, headers });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (err instanceof HttpStatusError && err.status === 404) return null;
      throw unavailable(err, path.split('?')[0] ?? path, apiKey);
    }
  }

  function parse<S extends z.ZodType>(schema: S, body: unknown, path: string): z.output<S> {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new MarketDataUnavailableError(
      `CoinGecko answered ${path} with an unexpected shape (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }

  const asOf = (lastUpdated: string | null | undefined) => {
    const time = lastUpdated ? new Date(lastUpdated) : now();
    return (Number.isNaN(time.getTime()) ? now() : time).toISOString();
  };

  const info = (identity: Identity, { lastUpdated, ...quote }: Quote): TokenMarketInfo => ({
    ...identity,
    ...quote,
    holders: null, // CoinGecko's market endpoints do not count holders.
    as_of: asOf(lastUpdated),
    source: 'coingecko',
  });

  const fromRecord = (r: TokenRecord): Identity => ({
    symbol: r.symbol,
    name: r.name,
    chain: r.chain,
    address: r.address,
  });

  /** A row of /coins/markets, named as the registry names the token. */
  const fromRow = (token: TokenRecord, row: z.output<typeof coinMarketsSchema>[number]) =>
    info(fromRecord(token), {
      price_usd: row.current_price,
      change_24h_pct: row.price_change_percentage_24h,
      market_cap_usd: row.market_cap,
      volume_24h_usd: row.total_volume,
      lastUpdated: row.last_updated,
    });

  /** A /coins/markets answer, remembered per path. */
  const marketRows = (path: string, signal: AbortSignal | undefined) =>
    markets.get(path, async () => {
      const body = await getJson(path, signal);
      return body === null ? [] : parse(coinMarketsSchema, body, path);
    });

  /** One /coins/markets request for every CoinGecko id the symbols resolve to; the answer is remembered per set of ids. */
  async function bySymbols(symbols: readonly string[], signal?: AbortSignal): Promise<Array<TokenMarketInfo | null>> {
    const tokens = symbols.map((symbol) => registry.resolve(symbol).find((r) => r.coingeckoId));
    const ids = [...new Set(tokens.flatMap((t) => (t?.coingeckoId ? [t.coingeckoId] : [])))].sort();
    if (!ids.length) return symbols.map(() => null);
    const path = `/coins/markets?vs_currency=usd&ids=${ids.map(encodeURIComponent).join(',')}`;
    const rows = await marketRows(path, signal);
    return tokens.map((token) => {
      const row = token && rows.find((r) => r.id === token.coingeckoId);
      return token && row ? fromRow(token, row) : null;
    });
  }

  /** One /coins/markets page by market cap; each coin named as the registry names it (its chain, its contract), unknown ones left out. */
  async function largestCoins(signal?: AbortSignal): Promise<TokenMarketInfo[]> {
    const path = `/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=${MOVERS_UNIVERSE}&page=1`;
    const rows = await marketRows(path, signal);
    return rows.flatMap((row) => {
      const token = registry.resolve(row.id).find((r) => r.coingeckoId === row.id);
      return token ? [fromRow(token, row)] : [];
    });
  }

  async function byAddress(
    rawAddress: string,
    rawChain: string,
    signal?: AbortSignal,
  ): Promise<TokenMarketInfo | null> {
    const chain = rawChain.trim().toLowerCase();
    const platform = COINGECKO_PLATFORMS[chain];
    if (!platform) return null; // a chain CoinGecko cannot be asked about
    const address = canonicalAddress(rawAddress);
    // CoinGecko indexes EVM contracts in lower case; other chains' addresses are case-sensitive.
    const requested = isAddress(address, { strict: false }) ? address.toLowerCase() : address;
    const path = `/coins/${platform}/contract/${encodeURIComponent(requested)}`;
    return contracts.get(path, async () => {
      const body = await getJson(path, signal);
      if (body === null) return null;
      const coin = parse(contractCoinSchema, body, path);
      const known = registry.byAddress(address, chain);
      const market = coin.market_data;
      return info(known ? fromRecord(known) : { symbol: coin.symbol.toUpperCase(), name: coin.name, chain, address }, {
        price_usd: market?.current_price ?? null,
        change_24h_pct: market?.price_change_percentage_24h ?? null,
        market_cap_usd: market?.market_cap ?? null,
        volume_24h_usd: market?.total_volume ?? null,
        lastUpdated: coin.last_updated ?? market?.last_updated,
      });
    });
  }

  return {
    kind: 'coingecko',
    async tokenInfo(query: TokenQuery, signal?: AbortSignal) {
      if ('address' in query) return byAddress(query.address, query.chain, signal);
      const [info] = await bySymbols([query.symbol], signal);
      return info ?? null;
    },
    tokenInfos: bySymbols,
    largestCoins,
  };
}
