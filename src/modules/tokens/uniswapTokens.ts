import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * Chains of the Uniswap default list we can name. Testnets (3, 4, 5, 42,
 * 80001, 11155111) and ids we cannot attribute are left out on purpose: a
 * token on an unnamed chain is useless to a caller that speaks in slugs.
 */
const UNISWAP_CHAIN_SLUGS: Readonly<Record<number, string>> = {
  1: 'ethereum',
  10: 'optimism',
  56: 'bsc',
  130: 'unichain',
  137: 'polygon',
  143: 'monad',
  196: 'xlayer',
  324: 'zksync',
  480: 'worldchain',
  1868: 'soneium',
  8453: 'base',
  42161: 'arbitrum',
  42220: 'celo',
  43114: 'avalanche',
  57073: 'ink',
  81457: 'blast',
  7777777: 'zora',
  501000101: 'solana',
};

const tokenListSchema = z.object({
  tokens: z.array(
    z.object({
      chainId: z.number().int(),
      address: z.string().min(1),
      name: z.string(),
      symbol: z.string().min(1),
      decimals: z.number().int().nonnegative(),
    }),
  ),
});

export interface UniswapToken {
  chain: string;
  address: string;
  name: string;
  symbol: string;
  decimals: number;
}

/** The Uniswap default list restricted to named chains, exactly as published (no normalisation). */
export function loadUniswapTokens(): UniswapToken[] {
  const raw: unknown = createRequire(import.meta.url)('@uniswap/default-token-list');
  const tokens: UniswapToken[] = [];
  for (const t of tokenListSchema.parse(raw).tokens) {
    const chain = UNISWAP_CHAIN_SLUGS[t.chainId];
    if (chain) tokens.push({ chain, address: t.address, name: t.name, symbol: t.symbol, decimals: t.decimals });
  }
  return tokens;
}
