import { z } from 'zod';
import { onlyKnownParameters } from '../../core/http/knownParameters.ts';
import { queryDecimal, queryInteger } from '../../core/http/queryValues.ts';
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

/** Prices and quote amounts are in `quote_currency`, sizes in `base_currency`: `BTC/USDT` prices bitcoin in tether. */
const currencies = {
  base_currency: z.string().describe('what sizes count: BTC in BTC/USDT'),
  quote_currency: z.string().describe('what prices, cost and profit are in: USDT in BTC/USDT'),
};

const opportunityFields = {
  symbol: z.string(),
  ...currencies,
  buy_venue: z.string(),
  buy_price: z.number().describe('quote_currency per base unit, volume-weighted over the asks the size consumes'),
  buy_fee_pct: z.number(),
  sell_venue: z.string(),
  sell_price: z.number().describe('quote_currency per base unit, volume-weighted over the bids the size consumes'),
  sell_fee_pct: z.number(),
  size: z.number().describe('base_currency units priced'),
  executable_size: z.number().describe('base_currency: the largest size still profitable after fees on both legs'),
  cost: z.number().describe('quote_currency paid on the buy leg, fee included'),
  net_profit: z.number().describe('quote_currency, after both fees'),
  net_profit_pct: z.number(),
  complete: z.boolean().describe('false when the books held less than the requested size'),
};

const opportunitySchema = z.object(opportunityFields).meta({ id: 'ArbitrageOpportunity' });
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

const shortfallReasons = ['no_second_venue', 'no_price_gap', 'fees', 'depth', 'below_min_profit'] as const;
export type ShortfallReason = (typeof shortfallReasons)[number];

const shortfallSchema = z
  .object({
    reason: z
      .enum(shortfallReasons)
      .describe(
        'no_second_venue: fewer than two venues returned a book; no_price_gap: no venue bids above another’s ask; ' +
          'fees: the gap is smaller than the taker fees of both legs; depth: the asked size walks the books past the profitable levels; ' +
          'below_min_profit: profitable, but less than min_profit_pct',
      ),
    message: z.string().describe('the reason in a sentence, with the figures'),
    as_of: z.string().describe('when the candidates were priced'),
    best_candidate: z
      .object({
        ...opportunityFields,
        gross_spread_pct: z.number().describe('sell price over buy price, before fees'),
        fees_pct: z.number().describe('taker fees of both legs together'),
      })
      .nullable()
      .describe('the venue pair with the highest net %, priced as the opportunities are; null without a second venue'),
  })
  .meta({ id: 'ArbitrageShortfall' });
export type Shortfall = z.output<typeof shortfallSchema>;

/** What a search answers: the opportunities, and when there are none, why. */
const searchFields = {
  explanation: shortfallSchema
    .optional()
    .describe('only when nothing passes min_profit_pct: the best candidate and what stops it'),
};

export const findOpportunitiesOutput = opportunitiesSchema.extend(searchFields);

export const findOpportunitiesInput = z.object({
  symbol,
  min_profit_pct: minProfitPct.default(0),
  size: size.optional().describe('base units to price; default: each venue pair’s executable size'),
  limit: z.number().int().min(1).max(100).default(20),
});

export const scanInput = z.object({
  min_profit_pct: minProfitPct.default(0),
  limit: z.number().int().min(1).max(100).default(20),
});

export const scanOutput = opportunitiesSchema.extend({
  markets: z.number().int().describe('markets scanned: every watched symbol listed on two venues or more'),
  ...searchFields,
});

export const opportunitiesQuery = onlyKnownParameters(
  {
    symbol: symbol.optional(),
    min_profit_pct: queryDecimal(0, 100).default(0),
    limit: queryInteger(1, 500).default(100),
  },
  'parameter',
);

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
      price: z.number().describe('quote per base unit of the leg’s market'),
      fee_pct: z.number(),
      asset_in: z.string(),
      amount_in: z.number().describe('asset_in units spent'),
      asset_out: z.string(),
      amount_out: z.number().describe('asset_out units received, fee taken'),
    }),
  ),
  start_amount: z.number().describe('start_asset units'),
  end_amount: z.number().describe('start_asset units'),
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
  ...currencies,
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
