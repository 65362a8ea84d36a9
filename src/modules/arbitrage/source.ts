import type { Config } from '../../core/config.ts';
import type { SimulatedPrices } from '../market/index.ts';
import type { ExchangeCredentials } from '../secrets/index.ts';
import type { MarketSource } from './marketSource.ts';
import { createSimulatedMarket } from './simulatedOrderBooks.ts';

type SourceConfig = Pick<Config, 'EXCHANGES' | 'ARBITRAGE_SYMBOLS' | 'ARBITRAGE_SEED'>;

/** Watched on real exchanges when ARBITRAGE_SYMBOLS is not set: liquid majors every large venue lists. */
const DEFAULT_EXCHANGE_SYMBOLS = [
  'BTC/USDT',
  'ETH/USDT',
  'SOL/USDT',
  'XRP/USDT',
  'BNB/USDT',
  'DOGE/USDT',
  'ADA/USDT',
  'LINK/USDT',
  'LTC/USDT',
  'ETH/BTC',
];

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim().toUpperCase())
    .filter(Boolean);

/** The symbols to scan: ARBITRAGE_SYMBOLS, else every simulated market, else the majors on real exchanges (which list thousands). */
export function watchedSymbols(config: SourceConfig): string[] | undefined {
  if (config.ARBITRAGE_SYMBOLS) return list(config.ARBITRAGE_SYMBOLS);
  return config.EXCHANGES ? DEFAULT_EXCHANGE_SYMBOLS : undefined;
}

/** Real exchanges through ccxt when EXCHANGES is set, otherwise the embedded simulation on the market's price paths. */
export async function createMarketSource(
  config: SourceConfig,
  {
    prices,
    now,
    credentials,
  }: { prices: SimulatedPrices; now: () => number; credentials?: (id: string) => ExchangeCredentials | undefined },
): Promise<MarketSource> {
  if (!config.EXCHANGES) return createSimulatedMarket({ seed: config.ARBITRAGE_SEED, prices, now });
  // ccxt is large: load it only for deployments that use it.
  const { createCcxtMarket } = await import('./ccxtMarket.ts');
  return createCcxtMarket({
    exchanges: config.EXCHANGES.split(',').map((id) => id.trim()),
    symbols: watchedSymbols(config)!,
    credentials,
  });
}
