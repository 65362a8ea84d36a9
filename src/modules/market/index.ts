import { defineModule, type FaceOf } from '../../core/module.ts';
import type { TokensModule } from '../tokens/index.ts';
import { createMarketData } from './marketData.ts';

/** Token prices and market data: the embedded simulation, or CoinGecko with MARKET_DATA=coingecko. */
export const marketModule = defineModule({
  name: 'market',
  create: (ctx, { tokens }: { tokens: TokensModule }) => ({
    data: createMarketData(ctx.config, { registry: tokens.registry }),
  }),
});

export type MarketModule = FaceOf<typeof marketModule>;
export { MarketDataUnavailableError, type MarketData, type TokenQuery } from './marketData.ts';
export { REFERENCE_PRICES_USD } from './referencePrices.ts';
