import type { AppContext } from './core/context.ts';
import { createIntelligenceModule, type IntelligenceModule } from './modules/intelligence/index.ts';
import { createMarketData, type MarketData } from './modules/market/marketData.ts';
import { createTokenRegistry, type TokenRegistry } from './modules/tokens/tokenRegistry.ts';

/**
 * The domain services built once per process on top of the shared context.
 * HTTP apps, the stream, agents, tools and chat all take what they need from here.
 */
export interface Platform {
  ctx: AppContext;
  tokens: TokenRegistry;
  market: MarketData;
  intelligence: IntelligenceModule;
}

export async function createPlatform(ctx: AppContext): Promise<Platform> {
  const tokens = createTokenRegistry();
  const market = createMarketData(ctx.config, { registry: tokens });
  const intelligence = await createIntelligenceModule(ctx);
  return { ctx, tokens, market, intelligence };
}
