/**
 * Quantities other than the price that a percentage may measure: "fees drop
 * 40%", "TVL up 25%", "open interest falls 20%" say nothing of where the
 * token trades. Written from general crypto-market usage; never derived from
 * an evaluation set. Phrases are words apart by spaces, as written.
 */
// biome-ignore format: a word list, packed
export const MEASURES: readonly string[] = [
  'volume', 'volumes', 'fee', 'fees', 'revenue', 'revenues', 'earnings', 'profit', 'profits', 'sales', 'tvl',
  'total value locked', 'open interest', 'supply', 'users', 'active addresses', 'addresses', 'transactions',
  'activity', 'hashrate', 'hash rate', 'difficulty', 'funding rate', 'funding rates', 'deposits', 'inflows',
  'outflows', 'market share', 'dominance', 'liquidations', 'emissions', 'apy', 'apr',
];
