import { isAddress } from 'viem';

const BASE58_ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

/**
 * The form under which a token is indexed and filtered: EVM addresses
 * lower-case (they are case-insensitive), base58 addresses as they are
 * (they are not), symbols upper-case without a cashtag.
 */
export function tokenKey(symbolOrAddress: string): string {
  return addressKey(symbolOrAddress) ?? symbolOrAddress.trim().replace(/^\$/, '').toUpperCase();
}

/** The key of a contract address, or null when the value is not one (then it is a symbol). */
export function addressKey(value: string): string | null {
  const trimmed = value.trim();
  if (isAddress(trimmed, { strict: false })) return trimmed.toLowerCase();
  if (BASE58_ADDRESS.test(trimmed) && /[a-z]/.test(trimmed) && /[A-Z0-9]/.test(trimmed)) return trimmed;
  return null;
}

export function tokenKeys(tokens: Array<{ symbol: string; address: string | null }>): string[] {
  const keys = new Set<string>();
  for (const t of tokens) {
    keys.add(tokenKey(t.symbol));
    if (t.address) keys.add(tokenKey(t.address));
  }
  return [...keys];
}
