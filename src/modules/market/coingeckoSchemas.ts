import { z } from 'zod';

/**
 * The parts of CoinGecko's answers we read. Tolerant on purpose: unknown
 * fields pass through unread, and a missing or malformed number becomes null
 * instead of failing the whole quote (CoinGecko omits figures it lacks).
 */
const amount = z
  .number()
  .nullish()
  .catch(null)
  .transform((v) => (v === undefined || v === null || !Number.isFinite(v) ? null : v));

const timestamp = z.string().nullish().catch(null);

const usdAmount = z
  .object({ usd: amount })
  .nullish()
  .catch(null)
  .transform((v) => v?.usd ?? null);

/** One row of `GET /coins/markets?vs_currency=usd&ids=…`. */
const coinMarketSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  name: z.string(),
  current_price: amount,
  price_change_percentage_24h: amount,
  market_cap: amount,
  total_volume: amount,
  last_updated: timestamp,
});
export const coinMarketsSchema = z.array(coinMarketSchema);

/** `GET /coins/{platform}/contract/{address}`. */
export const contractCoinSchema = z.object({
  id: z.string(),
  symbol: z.string(),
  name: z.string(),
  market_data: z
    .object({
      current_price: usdAmount,
      price_change_percentage_24h: amount,
      market_cap: usdAmount,
      total_volume: usdAmount,
      last_updated: timestamp,
    })
    .nullish()
    .catch(null),
  last_updated: timestamp,
});
