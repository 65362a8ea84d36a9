/** One price level of an order book: price in quote units, amount in base units. */
export type Level = readonly [price: number, amount: number];

/** Bids best (highest) first, asks best (lowest) first, as every exchange sends them. */
export interface OrderBook {
  bids: readonly Level[];
  asks: readonly Level[];
  /** Epoch milliseconds of the snapshot. */
  timestamp: number;
}

/** A spot market in ccxt's unified form: `BASE/QUOTE`. */
export interface Market {
  symbol: string;
  base: string;
  quote: string;
}

/**
 * Where the arbitrage engine gets its market data: the embedded simulation or
 * real exchanges through ccxt. Fees are fractions (0.001 = 0.1 %).
 */
export interface MarketSource {
  kind: 'simulated' | 'ccxt';
  venues(): string[];
  markets(venue: string): Promise<Market[]>;
  orderBook(venue: string, symbol: string, depth: number): Promise<OrderBook>;
  takerFee(venue: string, symbol: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A pair glued as exchanges' REST APIs write it (`BTCUSDT`): a base of at least two letters before a stablecoin
 * quote. Only stablecoins: `STETH` or `WBTC` end in a coin that is also a quote, and are assets themselves.
 */
const GLUED_STABLE_PAIR = /^([A-Z0-9]{2,})(USDT|USDC|FDUSD|BUSD)$/;

/** `btc` → `BTC/USDT`, `eth/btc` → `ETH/BTC`, `btcusdt` → `BTC/USDT`: a bare asset means its USDT market. */
export function normaliseSymbol(raw: string): string {
  const symbol = raw.trim().toUpperCase().replace(/[-_]/g, '/');
  if (symbol.includes('/')) return symbol;
  const glued = GLUED_STABLE_PAIR.exec(symbol);
  return glued ? `${glued[1]}/${glued[2]}` : `${symbol}/USDT`;
}
