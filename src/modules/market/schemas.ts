import { z } from 'zod';
import { onlyKnownParameters } from '../../core/http/knownParameters.ts';
import type { TokenQuery } from './marketData.ts';

export const tokenInfoSchema = z.object({
  symbol: z.string(),
  name: z.string(),
  chain: z.string(),
  address: z.string().nullable().describe('contract or mint address; null for a native coin'),
  price_usd: z.number().nullable(),
  change_24h_pct: z.number().nullable(),
  market_cap_usd: z.number().nullable(),
  volume_24h_usd: z.number().nullable(),
  holders: z.number().nullable(),
  as_of: z.string().describe('time of the quote'),
  source: z.string().describe('embedded-simulation or coingecko'),
});

/** How a caller names a token: a ticker, a name or a CoinGecko id. */
const tokenName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .describe('a ticker (BTC, $pepe), a name (Bitcoin) or a CoinGecko id (bitcoin)');

export const tokenInfoInput = onlyKnownParameters(
  {
    symbol: tokenName.optional(),
    address: z.string().trim().min(20).max(100).optional().describe('contract or mint address, with chain'),
    chain: z.string().trim().min(1).max(40).optional().describe('ethereum, base, solana, bsc…; required with address'),
  },
  'parameter',
)
  .superRefine((q, ctx) => {
    if (q.symbol && q.address)
      ctx.addIssue({ code: 'custom', path: ['symbol'], message: 'give symbol or address, not both' });
    if (!q.symbol && !q.address)
      ctx.addIssue({ code: 'custom', path: ['symbol'], message: 'give symbol, or address and chain' });
    if (q.address && !q.chain) ctx.addIssue({ code: 'custom', path: ['chain'], message: 'required with address' });
  })
  .transform((q): TokenQuery => (q.address ? { address: q.address, chain: q.chain! } : { symbol: q.symbol! }));

const MAX_PRICES = 25;

export const pricesInput = z.object({
  symbols: z.array(tokenName).min(1).max(MAX_PRICES).describe(`up to ${MAX_PRICES} tokens`),
});

export const pricesOutput = z.object({
  prices: z.array(tokenInfoSchema.extend({ query: z.string().describe('the token as it was asked for') })),
  not_found: z.array(z.string()).describe('what no known token answers to'),
});

const MAX_MOVERS = 50;

export const moversInput = z.object({
  direction: z
    .enum(['gainers', 'losers', 'both'])
    .default('both')
    .describe('gainers (largest 24 h rise first), losers (largest fall first) or both'),
  limit: z.number().int().min(1).max(MAX_MOVERS).default(5).describe(`how many of each, up to ${MAX_MOVERS}`),
});

const moverSchema = tokenInfoSchema.extend({ rank: z.number().int().describe('1 = the largest move that way') });

export const moversOutput = z.object({
  direction: z.enum(['gainers', 'losers', 'both']),
  quote_currency: z.literal('USD').describe('the currency of every price and amount'),
  ranked: z.number().int().describe('how many of the largest coins by market cap the moves were ranked among'),
  gainers: z
    .array(moverSchema)
    .optional()
    .describe('coins up over 24 h, the largest rise first (none when nothing rose)'),
  losers: z
    .array(moverSchema)
    .optional()
    .describe('coins down over 24 h, the largest fall first (none when nothing fell)'),
  as_of: z.string().nullable().describe('time of the newest quote; null when no coin was quoted'),
  source: z.string().describe('embedded-simulation or coingecko'),
});
