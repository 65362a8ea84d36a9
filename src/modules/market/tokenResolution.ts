import type { TokenRecord, TokenRegistry } from '../tokens/index.ts';
import type { TokenQuery } from './marketData.ts';

/**
 * The token a query names: the deployment at a contract address on a chain, or the best-ranked
 * token a symbol, name or CoinGecko id names (`bitcoin` is BTC, not a meme coin with that ticker).
 * Every embedded surface resolves through here, so a name means one token, and one price, everywhere.
 */
export function resolveToken(registry: TokenRegistry, query: TokenQuery): TokenRecord | undefined {
  return 'symbol' in query ? registry.resolve(query.symbol)[0] : registry.byAddress(query.address, query.chain);
}
