import type { AppContext } from '../../core/context.ts';
import type { IngestItem } from '../intelligence/index.ts';
import type { SimulatedPrices } from '../market/index.ts';
import type { ExchangeCredentials } from '../secrets/index.ts';
import type { MarketSource } from './marketSource.ts';
import { createMarketSource, watchedSymbols } from './source.ts';
import { createScanner, type Scanner } from './scanner.ts';
import { createArbitrageEngine, type ArbitrageEngine } from './engine.ts';
import { errorText } from '../../core/logger.ts';

export interface ArbitrageParts {
  source: MarketSource;
  scanner: Scanner;
  engine: ArbitrageEngine;
}

/**
 * The arbitrage capability of a process: one market source, one scanner and
 * one engine, shared by the `arbitrage` component, the agents' worker and the
 * tools, so the loop runs once however many of them a node starts.
 */
export async function createArbitrageParts(
  ctx: AppContext,
  {
    publish,
    prices,
    now,
    credentials,
  }: {
    publish: (item: IngestItem) => Promise<unknown>;
    /** The market's price paths, which the simulated venues trade around. */
    prices: SimulatedPrices;
    now: () => number;
    /** Exchange credentials from the secrets store (absent: public market data only). */
    credentials?: (id: string) => ExchangeCredentials | undefined;
  },
): Promise<ArbitrageParts> {
  const { config, logger } = ctx;
  const source = await createMarketSource(config, { prices, now, credentials });
  ctx.onClose(() => source.close());
  const scanner = createScanner(source, {
    depth: config.ARBITRAGE_DEPTH,
    symbols: watchedSymbols(config),
    onError: (venue, symbol, err) =>
      logger.warn({ venue, symbol, err: errorText(err) }, 'arbitrage: order book unavailable'),
  });
  const engine = createArbitrageEngine({
    scanner,
    sourceKind: source.kind,
    cache: ctx.cache,
    logger,
    intervalMs: config.ARBITRAGE_INTERVAL_MS,
    publishMinPct: config.ARBITRAGE_PUBLISH_MIN_PCT,
    publish,
    now,
  });
  return { source, scanner, engine };
}
