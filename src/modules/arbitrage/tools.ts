import { NotFoundError, UpstreamError } from '../../core/domainErrors.ts';
import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import type { ArbitrageParts } from './parts.ts';
import { spreadOf, toCycle } from './presentation.ts';
import { searchAnswer } from './search.ts';
import { triangularCycles } from './triangular.ts';
import {
  type ArbitrageSnapshot,
  findOpportunitiesInput,
  findOpportunitiesOutput,
  scanInput,
  scanOutput,
  spreadInput,
  spreadOutput,
  triangularInput,
  triangularOutput,
} from './schemas.ts';

const readOnly = { readOnlyHint: true, openWorldHint: true } as const;

export async function requireListed(arbitrage: Pick<ArbitrageParts, 'scanner'>, symbol: string) {
  if (!(await arbitrage.scanner.venuesOf(symbol)).length) {
    throw new NotFoundError(`no venue lists ${symbol}`, { field: 'symbol' });
  }
}

/** The engine's current opportunities that pass, or null when there is no current scan or none passes (then the books are priced now). */
async function currentPassing(
  arbitrage: ArbitrageParts,
  passes: (o: ArbitrageSnapshot['opportunities'][number]) => boolean,
  limit: number,
): Promise<ArbitrageSnapshot | null> {
  const snapshot = await arbitrage.engine.current();
  const opportunities = snapshot?.opportunities.filter(passes) ?? [];
  return snapshot && opportunities.length ? { ...snapshot, opportunities: opportunities.slice(0, limit) } : null;
}

/** The tools over this process's one scanner and engine. */
export function arbitrageTools(arbitrage: ArbitrageParts): ToolDefinition[] {
  const { scanner, source } = arbitrage;

  const findOpportunities = defineTool({
    name: 'arbitrage.find_opportunities',
    title: 'Cross-exchange arbitrage opportunities',
    description:
      'Buy on one venue and sell on another, both as a taker. Prices are volume-weighted over the book depth the size consumes; ' +
      'taker fees are charged on both legs. Without size, each venue pair is priced at its executable size (the most that stays profitable) ' +
      'from the engine’s current scan. When nothing passes min_profit_pct, `explanation` gives the best candidate, its net %, and why it falls short ' +
      '(no price gap, fees, depth, below the minimum, no second venue). Prices and amounts are in quote_currency, sizes in base_currency.',
    input: findOpportunitiesInput,
    output: findOpportunitiesOutput,
    annotations: readOnly,
    role: 'guest',
    examples: [
      { description: 'Current BTC/USDT opportunities above 0.2 %', input: { symbol: 'BTC/USDT', min_profit_pct: 0.2 } },
      { description: 'Price 2 ETH across every venue pair', input: { symbol: 'ETH', min_profit_pct: 0, size: 2 } },
    ],
    async handler({ symbol, min_profit_pct, size, limit }) {
      await requireListed(arbitrage, symbol);
      if (size === undefined) {
        const current = await currentPassing(
          arbitrage,
          (o) => o.symbol === symbol && o.net_profit_pct >= min_profit_pct,
          limit,
        );
        if (current) return current;
      }
      return searchAnswer(await scanner.trades(symbol, size), {
        minProfitPct: min_profit_pct,
        size,
        limit,
        scope: `on ${symbol}`,
        source: source.kind,
      });
    },
  });

  const scan = defineTool({
    name: 'arbitrage.scan',
    title: 'Arbitrage opportunities across every market',
    description:
      'Every watched market on every venue pair, as arbitrage.find_opportunities prices one: the best opportunities first, ' +
      'net of taker fees at their executable size, from the engine’s current scan; when none passes min_profit_pct, the best candidate and why it falls short.',
    input: scanInput,
    output: scanOutput,
    annotations: readOnly,
    role: 'guest',
    examples: [
      { description: 'The ten best opportunities anywhere', input: { limit: 10 } },
      { description: 'Anything worth 0.5 % or more', input: { min_profit_pct: 0.5 } },
    ],
    async handler({ min_profit_pct, limit }, { progress }) {
      // A full scan can take seconds on live books: an MCP client that asked for progress hears each of its three
      // steps start, and the last one end (3 of 3), whether the engine's current scan answers or the books are priced.
      progress?.(0, 3, 'listing the watched markets');
      const markets = (await scanner.symbols()).length;
      progress?.(1, 3, `reading the engine's current scan of ${markets} markets`);
      const current = await currentPassing(arbitrage, (o) => o.net_profit_pct >= min_profit_pct, limit);
      if (current) {
        progress?.(2, 3, 'taking the opportunities of the current scan');
        progress?.(3, 3, `${current.opportunities.length} opportunities`);
        return { ...current, markets };
      }
      progress?.(2, 3, 'pricing every candidate on every venue pair');
      const answer = searchAnswer(await scanner.candidates(), {
        minProfitPct: min_profit_pct,
        limit,
        scope: `in any of ${markets} markets`,
        source: source.kind,
      });
      progress?.(3, 3, `${answer.opportunities.length} opportunities`);
      return { ...answer, markets };
    },
  });

  const triangular = defineTool({
    name: 'arbitrage.triangular',
    title: 'Triangular arbitrage on one exchange',
    description:
      'Cycles start → X → Y → start through three markets of one venue (e.g. USDT → BTC → ETH → USDT), walking each book and paying the taker fee ' +
      'on every leg. Without amount, each cycle is sized to what the top level of every leg carries.',
    input: triangularInput,
    output: triangularOutput,
    annotations: readOnly,
    role: 'guest',
    examples: [{ description: 'Best USDT cycles on binance', input: { exchange: 'binance', start_asset: 'USDT' } }],
    async handler({ exchange, start_asset, amount, limit }) {
      if (!source.venues().includes(exchange)) {
        throw new NotFoundError(`not one of ${source.venues().join(', ')}`, { field: 'exchange' });
      }
      const markets = await scanner.venueMarkets(exchange);
      if (!markets.some((m) => m.base === start_asset || m.quote === start_asset)) {
        throw new NotFoundError(`${exchange} has no market in ${start_asset}`, { field: 'start_asset' });
      }
      const cycles = triangularCycles(start_asset, markets, amount);
      const asOf = Math.max(0, ...markets.map((m) => m.book.timestamp));
      return {
        exchange,
        start_asset,
        as_of: new Date(asOf).toISOString(),
        cycles: cycles.slice(0, limit).map(toCycle),
      };
    },
  });

  const spread = defineTool({
    name: 'arbitrage.spread',
    title: 'Bid/ask spread of a market on every venue',
    description:
      'Top of book per venue (bid, ask, sizes, spread, taker fee) and the best bid and ask across venues, before and after fees.',
    input: spreadInput,
    output: spreadOutput,
    annotations: readOnly,
    role: 'guest',
    examples: [{ description: 'SOL/USDT across venues', input: { symbol: 'SOL/USDT' } }],
    async handler({ symbol }) {
      await requireListed(arbitrage, symbol);
      const result = spreadOf(symbol, await scanner.books(symbol));
      if (!result) throw new UpstreamError('market_data_unavailable', `no venue returned a ${symbol} book`);
      return result;
    },
  });

  return [findOpportunities, scan, triangular, spread];
}
