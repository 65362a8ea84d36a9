import { z } from 'zod';
import { normaliseSymbol } from './marketSource.ts';

const symbol = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9]{1,20}([/_-][A-Za-z0-9]{1,20})?$/,
    'must be a market like BTC/USDT (or an asset like BTC for its USDT market)',
  )
  .transform(normaliseSymbol);
const asset = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,20}$/, 'must be an asset symbol like USDT')
  .transform((v) => v.toUpperCase());
const venue = z
  .string()
  .trim()
  .regex(/^[a-z0-9]{1,40}$/, 'must be an exchange id like binance');
const minProfitPct = z.number().min(0).max(100);
const size = z.number().positive().max(1e15);

const opportunitySchema = z
  .object({
    symbol: z.string(),
    buy_venue: z.string(),
    buy_price: z.number().describe('volume-weighted average over the asks the size consumes'),
    buy_fee_pct: z.number(),
    sell_venue: z.string(),
    sell_price: z.number().describe('volume-weighted average over the bids the size consumes'),
    sell_fee_pct: z.number(),
    size: z.number().describe('base units priced'),
    executable_size: z.number().describe('largest size still profitable after fees on both legs'),
    cost: z.number().describe('quote paid on the buy leg, fee included'),
    net_profit: z.number().describe('quote, after both fees'),
    net_profit_pct: z.number(),
    complete: z.boolean().describe('false when the books held less than the requested size'),
  })
  .meta({ id: 'ArbitrageOpportunity' });
export type Opportunity = z.output<typeof opportunitySchema>;

export const opportunitiesSchema = z
  .object({
    as_of: z.string(),
    source: z.enum(['simulated', 'ccxt']),
    opportunities: z.array(opportunitySchema),
  })
  .meta({ id: 'ArbitrageOpportunities' });
/** One scan's result, as the engine caches it and the tools and `GET /opportunities` return it. */
export type ArbitrageSnapshot = z.output<typeof opportunitiesSchema>;

export const findOpportunitiesInput = z.object({
  symbol,
  min_profit_pct: minProfitPct.default(0),
  size: size.optional().describe('base units to price; default: each venue pair’s executable size'),
  limit: z.number().int().min(1).max(100).default(20),
});

export const opportunitiesQuery = z.object({
  symbol: symbol.optional(),
  min_profit_pct: z.coerce.number().pipe(minProfitPct).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const triangularInput = z.object({
  exchange: venue,
  start_asset: asset.default('USDT'),
  amount: size.optional().describe('start-asset units to run round; default: what the top level of every leg carries'),
  limit: z.number().int().min(1).max(100).default(10),
});

const cycleSchema = z.object({
  path: z.array(z.string()),
  legs: z.array(
    z.object({
      symbol: z.string(),
      side: z.enum(['buy', 'sell']),
      price: z.number(),
      fee_pct: z.number(),
      amount_in: z.number(),
      amount_out: z.number(),
    }),
  ),
  start_amount: z.number(),
  end_amount: z.number(),
  net_profit_pct: z.number(),
  capped: z.boolean().describe('the amount was more than the books hold and was reduced to fit'),
});

export const triangularOutput = z.object({
  exchange: z.string(),
  start_asset: z.string(),
  as_of: z.string(),
  cycles: z.array(cycleSchema),
});

export const spreadInput = z.object({ symbol });

const quoteSide = z.object({ venue: z.string(), price: z.number() });

export const spreadOutput = z.object({
  symbol: z.string(),
  as_of: z.string(),
  venues: z.array(
    z.object({
      venue: z.string(),
      bid: z.number(),
      ask: z.number(),
      mid: z.number(),
      spread_pct: z.number(),
      bid_size: z.number(),
      ask_size: z.number(),
      taker_fee_pct: z.number(),
    }),
  ),
  best_bid: quoteSide,
  best_ask: quoteSide,
  cross_spread_pct: z
    .number()
    .describe('(best bid − best ask) / best ask; positive when one venue bids above another’s ask'),
  cross_spread_after_fees_pct: z.number(),
});
