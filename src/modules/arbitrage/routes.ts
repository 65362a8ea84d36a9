import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../core/http/errors.ts';
import type { ArbitrageEngine } from './engine.ts';
import { opportunitiesQuery, opportunitiesSchema } from './schemas.ts';

/** `GET /opportunities`: the engine's current list, filtered. */
export function opportunitiesRoutes(engine: ArbitrageEngine): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/opportunities', {
      schema: {
        tags: ['arbitrage'],
        summary: 'Current cross-exchange arbitrage opportunities, best first',
        description:
          'Every venue pair still profitable after taker fees on both legs, priced at its executable size by VWAP over book depth.',
        querystring: opportunitiesQuery,
        response: { 200: opportunitiesSchema, 400: errorBodySchema },
      },
      handler: async (request) => {
        const { symbol, min_profit_pct, limit } = request.query;
        // Before the first round of a fresh engine has finished, scan rather than answer with nothing.
        const snapshot = (await engine.current()) ?? (await engine.scanOnce());
        const opportunities = snapshot.opportunities.filter(
          (o) => (!symbol || o.symbol === symbol) && o.net_profit_pct >= min_profit_pct,
        );
        return { ...snapshot, opportunities: opportunities.slice(0, limit) };
      },
    });
  };
}
