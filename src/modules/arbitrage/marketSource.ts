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

/** `btc` → `BTC/USDT`, `eth/btc` → `ETH/BTC`: a bare asset means its USDT market. */
export function normaliseSymbol(raw: string): string {
  const symbol = raw.trim().toUpperCase().replace(/[-_]/g, '/');
  return symbol.includes('/') ? symbol : `${symbol}/USDT`;
}
