import type { TokenRegistry } from '../tokens/index.ts';
import { addressKey, tokenKey } from './tokenKey.ts';

/** The token key a filter value selects (see tokenKey): what a trader types, resolved to what items are tagged with. */
export type TokenFilterKey = (value: string) => string;

/**
 * A contract address selects itself; anything else is resolved through the token registry as a
 * ticker, coin name or CoinGecko id, best-ranked first (`bitcoin` and `Bitcoin` are BTC, not a
 * meme coin with that ticker); a value the registry does not know is taken as a ticker.
 */
export const createTokenFilterKey =
  (registry: TokenRegistry): TokenFilterKey =>
  (value) =>
    addressKey(value) ?? tokenKey(registry.resolve(value)[0]?.symbol ?? value);
