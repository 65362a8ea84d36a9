import { isAddress } from 'viem';

const BASE58_ADDRESS = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

/**
 * The form under which a token is indexed and filtered: EVM addresses
 * lower-case (they are case-insensitive), base58 addresses as they are
 * (they are not), symbols upper-case without a cashtag.
 */
export function tokenKey(symbolOrAddress: string): string {
  const value = symbolOrAddress.trim();
  if (isAddress(value, { strict: false })) return value.toLowerCase();
  if (BASE58_ADDRESS.test(value) && /[a-z]/.test(value) && /[A-Z0-9]/.test(value)) return value;
  return value.replace(/^\$/, '').toUpperCase();
}

export function tokenKeys(tokens: Array<{ symbol: string; address: string | null }>): string[] {
  const keys = new Set<string>();
  for (const t of tokens) {
    keys.add(tokenKey(t.symbol));
    if (t.address) keys.add(tokenKey(t.address));
  }
  return [...keys];
}
