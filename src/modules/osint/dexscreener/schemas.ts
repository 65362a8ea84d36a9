import { z } from 'zod';

/**
 * The parts of DEX Screener's public API payloads the connector reads
 * (https://docs.dexscreener.com/api/reference). Unknown fields are ignored
 * and optional ones may be null, as the reference documents them.
 */

export const tokenProfileSchema = z.object({
  url: z.string(),
  chainId: z.string().min(1),
  tokenAddress: z.string().min(1),
  icon: z.string().nullish(),
  header: z.string().nullish(),
  description: z.string().nullish(),
  links: z.array(z.object({ type: z.string().nullish(), label: z.string().nullish(), url: z.string() })).nullish(),
});
export type TokenProfile = z.infer<typeof tokenProfileSchema>;

const token = z.object({ address: z.string(), name: z.string(), symbol: z.string() });

export const pairSchema = z.object({
  chainId: z.string(),
  dexId: z.string(),
  url: z.string(),
  pairAddress: z.string(),
  baseToken: token,
  quoteToken: token,
  priceUsd: z.string().nullish(),
  volume: z.object({ h24: z.number().nullish() }).partial().nullish(),
  liquidity: z.object({ usd: z.number().nullish() }).partial().nullish(),
  fdv: z.number().nullish(),
  marketCap: z.number().nullish(),
  pairCreatedAt: z.number().nullish(),
});
export type Pair = z.infer<typeof pairSchema>;
