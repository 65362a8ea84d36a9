import type { AppContext } from './core/context.ts';
import { createIntelligenceModule, type IntelligenceModule } from './modules/intelligence/index.ts';
import { createMarketData, type MarketData } from './modules/market/marketData.ts';
import { createTokenRegistry, type TokenRegistry } from './modules/tokens/tokenRegistry.ts';
import { createArbitrageModule, type ArbitrageModule } from './modules/arbitrage/index.ts';
import { createToolRegistry, type ToolRegistry } from './modules/tools/registry.ts';
import { createToolDomains } from './modules/tools/domains.ts';

/**
 * The domain services built once per process on top of the shared context.
 * HTTP apps, the stream, agents, tools and chat all take what they need from here.
 */
export interface Platform {
  ctx: AppContext;
  tokens: TokenRegistry;
  market: MarketData;
  intelligence: IntelligenceModule;
  arbitrage: ArbitrageModule;
  /** Every typed tool (MCP, REST /execute, chat); set last, from the rest of the platform. */
  tools: ToolRegistry;
}

export async function createPlatform(ctx: AppContext): Promise<Platform> {
  const tokens = createTokenRegistry();
  const market = createMarketData(ctx.config, { registry: tokens });
  const intelligence = await createIntelligenceModule(ctx);
  const arbitrage = await createArbitrageModule(ctx, intelligence.service);
  // The registry comes last: the tool domains are built from the rest of the platform, and every handler receives all of it.
  const platform: Platform = { ctx, tokens, market, intelligence, arbitrage, tools: undefined as never };
  platform.tools = createToolRegistry(await createToolDomains(platform), platform);
  return platform;
}
