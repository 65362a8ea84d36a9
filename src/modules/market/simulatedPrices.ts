import type { TokenRegistry } from '../tokens/index.ts';
import { simulatedAsset, simulatedPrice, simulatedQuote, type SimulatedAsset } from './simulatedQuotes.ts';
import { resolveToken } from './tokenResolution.ts';

/**
 * The one simulated price path of every asset, read at any instant: what the
 * embedded market data quotes and what the simulated exchanges centre their
 * books on, so every surface of the platform agrees on a token's price.
 */
export interface SimulatedPrices {
  /**
   * USD price at `at` (epoch ms; the path moves once a second) of the token a ticker, name or
   * CoinGecko id names, resolved as the market data resolves it; undefined when none is known.
   */
  usd(token: string, at: number): number | undefined;
  /** Market cap (USD) at `at` of the token `token` names, as the embedded market data quotes it; undefined when none is known. */
  marketCapUsd(token: string, at: number): number | undefined;
  /** Whether the token's path is anchored on a reference price (referencePrices.ts), not guessed from a seeded rank. */
  referenced(token: string): boolean;
}

/** Tokens asked about are few (a venue catalogue); the cap only guards against a caller that varies them without end. */
const MAX_REMEMBERED = 10_000;

export function createSimulatedPrices(registry: TokenRegistry): SimulatedPrices {
  // Resolving a symbol and seeding its asset cost more than reading the path: books ask every second.
  const assets = new Map<string, SimulatedAsset | null>();
  function assetOf(name: string): SimulatedAsset | null {
    const known = assets.get(name);
    if (known !== undefined) return known;
    if (assets.size >= MAX_REMEMBERED) assets.clear();
    const token = resolveToken(registry, { symbol: name });
    const asset = token ? simulatedAsset(token) : null;
    assets.set(name, asset);
    return asset;
  }
  return {
    usd(token, at) {
      const asset = assetOf(token);
      return asset ? simulatedPrice(asset, at) : undefined;
    },
    marketCapUsd(token, at) {
      const asset = assetOf(token);
      return asset ? simulatedQuote(asset, at).marketCap : undefined;
    },
    referenced: (token) => assetOf(token)?.anchored ?? false,
  };
}
