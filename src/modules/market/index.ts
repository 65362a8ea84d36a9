import { defineModule, type FaceOf } from '../../core/module.ts';
import type { SecretsModule } from '../secrets/index.ts';
import type { TokensModule } from '../tokens/index.ts';
import { createMarketData } from './marketData.ts';
import { createQuoteSnapshot } from './quoteSnapshot.ts';
import { createSimulatedPrices } from './simulatedPrices.ts';
import { marketTools } from './tools.ts';

/** Builds the module on its own clock (tests quote the simulated market at a fixed instant, as the arbitrage module's). */
export const marketModuleAt = (now: () => Date = () => new Date()) =>
  defineModule({
    name: 'market',
    create(ctx, { tokens }: { tokens: TokensModule }, built) {
      // The secrets module, when the platform has it (lists built for a test may not): COINGECKO_API_KEY over its `coingecko`.
      const secrets = built.find((m) => m.name === 'secrets')?.face as SecretsModule | undefined;
      const data = createMarketData(ctx.config, {
        registry: tokens.registry,
        now,
        ...(secrets && { apiKey: secrets.coingeckoApiKey }),
      });
      return {
        data,
        /** The best-ranked tokens' quotes, at most a minute old: the market context analysis gets at ingest. */
        quotes: createQuoteSnapshot(data, tokens.registry, { logger: ctx.logger }),
        /** The one simulated price path per asset: what the embedded data quotes and the simulated exchanges trade around. */
        simulatedPrices: createSimulatedPrices(tokens.registry),
        tools: {
          name: 'market',
          description:
            'Token prices and market data (price, 24 h change, market cap, volume, holders) by ticker, name, CoinGecko id or contract.',
          tools: marketTools(data),
        },
      };
    },
  });

/** Token prices and market data: the embedded simulation, or CoinGecko with MARKET_DATA=coingecko. */
export const marketModule = marketModuleAt();

export type MarketModule = FaceOf<typeof marketModule>;
export type { MarketData } from './marketData.ts';
export { createSimulatedPrices, type SimulatedPrices } from './simulatedPrices.ts';
export { tokenInfoInput, tokenInfoSchema } from './schemas.ts';
export { readMarketData } from './upstream.ts';
