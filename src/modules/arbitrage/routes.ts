import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../core/http/errors.ts';
import type { ArbitrageParts } from './parts.ts';
import { opportunitiesQuery, opportunitiesSchema } from './schemas.ts';
import { requireListed } from './tools.ts';

/** `GET /opportunities`: the engine's current list, filtered. */
export function opportunitiesRoutes(arbitrage: Pick<ArbitrageParts, 'engine' | 'scanner'>): FastifyPluginAsyncZod {
  const { engine } = arbitrage;
  return async (app) => {
    app.get('/opportunities', {
      schema: {
        tags: ['arbitrage'],
        summary: 'Current cross-exchange arbitrage opportunities, best first',
        description:
          'Every venue pair still profitable after taker fees on both legs, priced at its executable size by VWAP over book depth.',
        querystring: opportunitiesQuery,
        response: { 200: opportunitiesSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
      handler: async (request) => {
        const { symbol, min_profit_pct, limit } = request.query;
        // A market no venue lists is a 404, as the tools answer it, not an empty list that reads as "nothing profitable".
        if (symbol) await requireListed(arbitrage, symbol);
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
