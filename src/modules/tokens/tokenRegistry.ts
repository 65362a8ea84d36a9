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
  /**
   * The ranked coin whose name or CoinGecko id a misspelt term most likely means ('etherium',
   * 'etherum clasic'): one or two letters off, by length; undefined when none is that close or two
   * are equally close. Only ranked coins, so a typo never lands on an obscure token.
   */
  closest(term: string): TokenRecord | undefined;
}

const addressKey = (address: string) => {
  const trimmed = address.trim();
  return isAddress(trimmed, { strict: false }) ? trimmed.toLowerCase() : trimmed;
};
const nameKey = (name: string) => name.trim().toLowerCase();

/**
 * Letters to add, drop, change or swap (adjacent) to turn one word into the other, or `limit + 1`
 * once it is past `limit`: optimal string alignment, bounded, for the few short names compared.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = Array.from({ length: b.length + 1 }, (_, j) => j);
  let previous = before;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    if (Math.min(...row) > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** The typos a term of this length may carry: none under five letters (too many short words lie one letter from a name). */
const typosAllowed = (length: number) => (length < 5 ? 0 : length < 9 ? 1 : 2);

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
  // One entry a ranked coin per spelling of it: its name and its CoinGecko id with spaces for hyphens.
  const spellings = [
    ...new Map(records.filter((r) => r.rank !== undefined).map((r) => [r.symbol, r])).values(),
  ].flatMap((record) =>
    [...new Set([nameKey(record.name), ...(record.coingeckoId ? [record.coingeckoId.replaceAll('-', ' ')] : [])])].map(
      (spelling) => ({ spelling, record }),
    ),
  );

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
    closest(term) {
      const wanted = nameKey(term).replaceAll('-', ' ');
      const limit = typosAllowed(wanted.length);
      if (limit === 0) return undefined;
      let best: { distance: number; record: TokenRecord | undefined } = { distance: limit + 1, record: undefined };
      for (const { spelling, record } of spellings) {
        const distance = editDistance(wanted, spelling, limit);
        if (distance < best.distance) best = { distance, record };
        else if (distance === best.distance && best.record && best.record.symbol !== record.symbol)
          best = { distance, record: undefined };
      }
      return best.record;
    },
  };
}
