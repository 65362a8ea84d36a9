import type { Exchange } from 'ccxt';
import type { ExchangeCredentials } from '../secrets/index.ts';
import type { Level, Market, MarketSource } from './marketSource.ts';

/** Taker fee assumed when an exchange publishes none for a market: the common retail tier. */
const DEFAULT_TAKER_FEE = 0.001;

export interface CcxtMarketOptions {
  /** ccxt exchange ids (binance, okx, kraken…). */
  exchanges: readonly string[];
  /** Unified symbols to watch; real exchanges list thousands, far too many to poll. */
  symbols: readonly string[];
  /** Builds an exchange client; tests point it at a local server. */
  createExchange?: (id: string) => Promise<Exchange>;
  /** An exchange's credentials now (the secrets store's `exchanges/<id>`), or undefined for public data only. */
  credentials?: (id: string) => ExchangeCredentials | undefined;
}

async function publicClient(id: string): Promise<Exchange> {
  const ccxt = (await import('ccxt')).default as unknown as Record<string, new (config: object) => Exchange>;
  const ExchangeClass = ccxt[id];
  if (typeof ExchangeClass !== 'function') throw new Error(`EXCHANGES: ${id} is not a ccxt exchange id`);
  return new ExchangeClass({ enableRateLimit: true });
}

const level = (entry: ArrayLike<number | undefined>): Level => [Number(entry[0]), Number(entry[1])];

/**
 * Real order books through ccxt's public REST API: markets (spot and active
 * only, narrowed to the watched symbols), order books and each market's taker fee.
 */
export async function createCcxtMarket(options: CcxtMarketOptions): Promise<MarketSource> {
  const create = options.createExchange ?? publicClient;
  const watched = new Set(options.symbols);
  const clients = new Map<string, Exchange>();
  for (const id of options.exchanges) clients.set(id, await create(id));

  async function loaded(venue: string): Promise<Exchange> {
    const client = clients.get(venue);
    if (!client) throw new Error(`unknown venue ${venue}`);
    // Set before every call, so a key rotated in the store is the one the next request signs with.
    const credentials = options.credentials?.(venue);
    if (credentials) Object.assign(client, credentials);
    await client.loadMarkets();
    return client;
  }

  return {
    kind: 'ccxt',
    venues: () => [...clients.keys()],
    async markets(venue) {
      const client = await loaded(venue);
      const markets: Market[] = [];
      for (const m of Object.values(await client.loadMarkets())) {
        if (m?.spot && m.active !== false && watched.has(m.symbol))
          markets.push({ symbol: m.symbol, base: m.base, quote: m.quote });
      }
      return markets;
    },
    async orderBook(venue, symbol, depth) {
      const client = await loaded(venue);
      const book = await client.fetchOrderBook(symbol, depth);
      return {
        bids: book.bids.slice(0, depth).map(level),
        asks: book.asks.slice(0, depth).map(level),
        timestamp: book.timestamp ?? Date.now(),
      };
    },
    async takerFee(venue, symbol) {
      const client = await loaded(venue);
      return client.market(symbol).taker ?? client.fees?.trading?.taker ?? DEFAULT_TAKER_FEE;
    },
    async close() {
      await Promise.all([...clients.values()].map((client) => client.close?.()));
    },
  };
}
