import { isAddress } from 'viem';
import { buildTokenCatalog, normaliseSymbol } from './tokenCatalog.ts';

export interface TokenRecord {
  /** Upper-case canonical ticker, e.g. 'ETH', 'USDC'. */
  symbol: string;
  name: string;
  /** Lower-case chain slug: 'bitcoin', 'ethereum', 'bsc', 'solana'… */
  chain: string;
  /** Contract or mint address (EVM in EIP-55 form); null for native coins. */
  address: string | null;
  decimals?: number;
  coingeckoId?: string;
  /** Approximate market-cap rank (1 = largest); undefined when unknown. */
  rank?: number;
}

export interface TokenRegistry {
  all(): readonly TokenRecord[];
  /** Case-insensitive, tolerant of a leading '$'; best-ranked first, unranked last. */
  bySymbol(symbol: string): TokenRecord[];
  /** EVM addresses match case-insensitively, others (Solana base58) exactly. Without a chain, the best-ranked match. */
  byAddress(address: string, chain?: string): TokenRecord | undefined;
  /** Case-insensitive full-name match ('ethereum', 'usd coin'); best-ranked first. */
  byName(name: string): TokenRecord[];
  /**
   * What a person may call a token: a ticker, a name or a CoinGecko id ('BTC', '$btc', 'Bitcoin',
   * 'bitcoin'). Every match, best-ranked first, so `bitcoin` is BTC before any meme coin with that
   * ticker; among equals, ticker matches come first.
   */
  resolve(term: string): TokenRecord[];
}

const addressKey = (address: string) => {
  const trimmed = address.trim();
  return isAddress(trimmed, { strict: false }) ? trimmed.toLowerCase() : trimmed;
};
const nameKey = (name: string) => name.trim().toLowerCase();

const byRank = (a: TokenRecord, b: TokenRecord) => (a.rank ?? Infinity) - (b.rank ?? Infinity);

/** Groups records by key, each group ordered best-ranked first (stable for ties). */
function indexBy(records: readonly TokenRecord[], key: (r: TokenRecord) => string | null): Map<string, TokenRecord[]> {
  const index = new Map<string, TokenRecord[]>();
  for (const record of records) {
    const k = key(record);
    if (k === null) continue;
    const group = index.get(k);
    if (group) group.push(record);
    else index.set(k, [record]);
  }
  for (const group of index.values()) group.sort(byRank);
  return index;
}

// The catalog is immutable data, so one parse per process serves every registry.
let defaultCatalog: readonly TokenRecord[] | undefined;

function sharedCatalog(): readonly TokenRecord[] {
  defaultCatalog ??= buildTokenCatalog();
  return defaultCatalog;
}

export function createTokenRegistry(records: readonly TokenRecord[] = sharedCatalog()): TokenRegistry {
  const symbols = indexBy(records, (r) => r.symbol);
  const addresses = indexBy(records, (r) => r.address && addressKey(r.address));
  const names = indexBy(records, (r) => nameKey(r.name));
  const coingeckoIds = indexBy(records, (r) => r.coingeckoId ?? null);
  const bySymbol = (symbol: string) => symbols.get(normaliseSymbol(symbol)) ?? [];
  const byName = (name: string) => names.get(nameKey(name)) ?? [];

  return {
    all: () => records,
    bySymbol: (symbol) => [...bySymbol(symbol)],
    byAddress(address, chain) {
      const matches = addresses.get(addressKey(address)) ?? [];
      if (chain === undefined) return matches[0];
      const slug = chain.trim().toLowerCase();
      return matches.find((r) => r.chain === slug);
    },
    byName: (name) => [...byName(name)],
    resolve(term) {
      const matches = new Set([...bySymbol(term), ...(coingeckoIds.get(nameKey(term)) ?? []), ...byName(term)]);
      return [...matches].sort(byRank);
    },
  };
}
