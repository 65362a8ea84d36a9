import { NotFoundError, UpstreamError } from '../../core/domainErrors.ts';
import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import type { ArbitrageParts } from './parts.ts';
import { isOpportunity } from './scanner.ts';
import { spreadOf, toCycle, toOpportunity } from './presentation.ts';
import { triangularCycles } from './triangular.ts';
import {
  findOpportunitiesInput,
  opportunitiesSchema,
  spreadInput,
  spreadOutput,
  triangularInput,
  triangularOutput,
} from './schemas.ts';

const readOnly = { readOnlyHint: true, openWorldHint: true } as const;

async function requireListed(arbitrage: ArbitrageParts, symbol: string) {
  if (!(await arbitrage.scanner.venuesOf(symbol)).length) {
    throw new NotFoundError(`no venue lists ${symbol}`, { field: 'symbol' });
  }
}

/** The tools over this process's one scanner and engine. */
export function arbitrageTools(arbitrage: ArbitrageParts): ToolDefinition[] {
  const findOpportunities = defineTool({
    name: 'arbitrage.find_opportunities',
    title: 'Cross-exchange arbitrage opportunities',
    description:
      'Buy on one venue and sell on another, both as a taker. Prices are volume-weighted over the book depth the size consumes; ' +
      'taker fees are charged on both legs. Without size, each venue pair is priced at its executable size (the most that stays profitable) ' +
      'from the engine’s current scan.',
    input: findOpportunitiesInput,
    output: opportunitiesSchema,
    annotations: readOnly,
    role: 'guest',
    examples: [
      { description: 'Current BTC/USDT opportunities above 0.2 %', input: { symbol: 'BTC/USDT', min_profit_pct: 0.2 } },
      { description: 'Price 2 ETH across every venue pair', input: { symbol: 'ETH', min_profit_pct: 0, size: 2 } },
    ],
    async handler({ symbol, min_profit_pct, size, limit }) {
      const { scanner, engine, source } = arbitrage;
      await requireListed(arbitrage, symbol);
      const snapshot = size === undefined ? await engine.current() : null;
      if (snapshot) {
        const opportunities = snapshot.opportunities.filter(
          (o) => o.symbol === symbol && o.net_profit_pct >= min_profit_pct,
        );
        return { ...snapshot, opportunities: opportunities.slice(0, limit) };
      }
      const trades = await scanner.trades(symbol, size);
      const found = trades
        .filter((t) => isOpportunity(t, min_profit_pct))
        .sort((a, b) => b.netProfitPct - a.netProfitPct);
      const asOf = Math.max(0, ...trades.map((t) => t.timestamp));
      return {
        as_of: new Date(asOf).toISOString(),
        source: source.kind,
        opportunities: found.slice(0, limit).map(toOpportunity),
      };
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
      const { scanner, source } = arbitrage;
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
      const result = spreadOf(symbol, await arbitrage.scanner.books(symbol));
      if (!result) throw new UpstreamError('market_data_unavailable', `no venue returned a ${symbol} book`);
      return result;
    },
  });

  return [findOpportunities, triangular, spread];
}
