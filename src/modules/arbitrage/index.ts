import { defineModule } from '../../core/module.ts';
import type { ToolPrompt } from '../../core/tool.ts';
import type { IntelligenceModule } from '../intelligence/index.ts';
import type { MarketModule } from '../market/index.ts';
import { arbitrageComponent } from './arbitrageComponent.ts';
import { createArbitrageParts } from './parts.ts';
import { arbitrageTools } from './tools.ts';
import type { SecretsModule } from '../secrets/index.ts';

const marketBriefing: ToolPrompt = {
  name: 'market_briefing',
  title: 'Market briefing for a symbol',
  description: 'The news, the price, the spreads across venues and any arbitrage worth taking for one market.',
  arguments: [{ name: 'symbol', description: 'a market such as BTC/USDT, or an asset such as ETH', required: true }],
  tools: ['intelligence.briefing', 'market.token_info', 'arbitrage.spread', 'arbitrage.find_opportunities'],
  text: ({ symbol }) => {
    const asset = JSON.stringify(symbol!.split('/')[0]!.trim());
    return (
      `Give me a short briefing on ${symbol}. Call intelligence.briefing with tokens [${asset}] and window "24h" for the news, ` +
      `market.token_info with symbol ${asset} for the price and 24 h change, arbitrage.spread for the top of book on every venue, ` +
      'then arbitrage.find_opportunities with min_profit_pct 0.1. Report the stories that matter most (title, sentiment, value), ' +
      'the price and its change, the best bid and ask and the widest spread, and any opportunity net of fees with its size; if ' +
      'there is none, say why, from the explanation the tool gives.'
    );
  },
};

/** Builds the module with its own clock (tests price a simulated market at a fixed instant). */
export const arbitrageModuleAt = (now: () => number = Date.now) =>
  defineModule({
    name: 'arbitrage',
    components: [arbitrageComponent],
    async create(ctx, { intelligence, market }: { intelligence: IntelligenceModule; market: MarketModule }, built) {
      // The secrets module, when the platform has it (lists built for a test may not): the exchanges' credentials.
      const secrets = built.find((m) => m.name === 'secrets')?.face as SecretsModule | undefined;
      const parts = await createArbitrageParts(ctx, {
        publish: (item) => intelligence.service.ingest(item),
        prices: market.simulatedPrices,
        now,
        credentials: secrets?.exchangeCredentials,
      });
      // The scan publishes the best opportunities as intelligence: on one node at a time, whichever component runs it.
      const engineWorker = { name: 'arbitrage engine', start: () => parts.engine.start() };
      return {
        ...parts,
        engineWorker,
        tools: {
          name: 'arbitrage',
          description:
            'Cross-exchange and triangular arbitrage over live order books (or the embedded simulated market), net of taker fees.',
          tools: arbitrageTools(parts),
        },
        resources: [
          {
            uri: 'alphanest://reference/exchanges',
            name: 'exchanges',
            title: 'Supported exchanges',
            description:
              'The venues the arbitrage engine reads order books from, and whether they are live (ccxt) or the embedded simulation.',
            source: { read: async () => ({ source: parts.source.kind, venues: parts.source.venues() }) },
          },
        ],
        prompts: [marketBriefing],
        workers: [engineWorker],
      };
    },
  });

/**
 * Cross-exchange and triangular arbitrage: one market source, scanner and
 * engine per process, shared by its tools, its `arbitrage` component
 * (ARBITRAGE_PORT) and the agents' worker that publishes what it finds.
 */
export const arbitrageModule = arbitrageModuleAt();

export type { opportunitiesSchema, spreadOutput, triangularOutput } from './schemas.ts';
