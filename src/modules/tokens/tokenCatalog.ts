import { getAddress, isAddress } from 'viem';
import type { TokenRecord } from './tokenRegistry.ts';
import { MAJOR_ASSETS, type MajorAsset } from './majors.ts';
import { loadUniswapTokens, type UniswapToken } from './uniswapTokens.ts';

/** Tickers are matched upper-case and without the '$' that social posts (and some Solana lists) prefix them with. */
export function normaliseSymbol(symbol: string): string {
  return symbol.trim().replace(/^\$/, '').toUpperCase();
}

/** EVM addresses become EIP-55 checksummed; other chains' addresses (Solana base58…) are case-sensitive and kept as given. */
export function canonicalAddress(address: string): string {
  const trimmed = address.trim();
  return isAddress(trimmed, { strict: false }) ? getAddress(trimmed) : trimmed;
}

// Words that vary between listings of one asset ('USDC Token', 'Dai Stablecoin', 'SOL Wormhole').
const NAME_FILLER = new Set(['token', 'coin', 'stablecoin', 'network', 'wrapped', 'bridged', 'wormhole', 'portal']);

function nameStem(name: string): string {
  return (
    name
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .find((word) => word && !NAME_FILLER.has(word)) ?? ''
  );
}

/**
 * Whether a listed token is a deployment of a curated asset with the same ticker.
 * Tickers alone are not enough: the Uniswap list has 'STX' (Stox) and 'ONE'
 * (ONEchain), unrelated to Stacks and Harmony, so the names must agree too.
 */
export function isSameAsset(major: MajorAsset, listedName: string): boolean {
  const a = nameStem(major.name);
  const b = nameStem(listedName);
  return a !== '' && b !== '' && (a.startsWith(b) || b.startsWith(a));
}

const recordKey = (r: TokenRecord) => `${r.chain}:${r.address ?? `native:${r.symbol}`}`;

function fromMajor(major: MajorAsset): TokenRecord {
  return { ...major, symbol: normaliseSymbol(major.symbol), address: major.address && canonicalAddress(major.address) };
}

function fromListed(token: UniswapToken, majors: ReadonlyMap<string, MajorAsset>): TokenRecord {
  const symbol = normaliseSymbol(token.symbol);
  const deployment = { chain: token.chain, address: canonicalAddress(token.address), decimals: token.decimals };
  const major = majors.get(symbol);
  if (major && isSameAsset(major, token.name)) {
    return { symbol, name: major.name, ...deployment, coingeckoId: major.coingeckoId, rank: major.rank };
  }
  return { symbol, name: token.name.trim(), ...deployment };
}

/**
 * Curated majors plus every Uniswap-listed token on a named chain, one record
 * per (chain, address). A curated entry wins over the listed one at the same
 * address; listed deployments of a curated asset inherit its name, rank and id.
 */
export function buildTokenCatalog(
  majors: readonly MajorAsset[] = MAJOR_ASSETS,
  listed: readonly UniswapToken[] = loadUniswapTokens(),
): TokenRecord[] {
  const majorsBySymbol = new Map(majors.map((m) => [normaliseSymbol(m.symbol), m]));
  const records = new Map<string, TokenRecord>();
  for (const major of majors) {
    const record = fromMajor(major);
    records.set(recordKey(record), record);
  }
  for (const token of listed) {
    const record = fromListed(token, majorsBySymbol);
    if (!records.has(recordKey(record))) records.set(recordKey(record), record);
  }
  return [...records.values()].map((r) => Object.freeze(r));
}
