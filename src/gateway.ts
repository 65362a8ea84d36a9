import type { Platform } from './platform.ts';
import { createHttpApp } from './core/http/server.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { intelligenceRoutes } from './modules/intelligence/routes.ts';
import { streamRoutes } from './modules/stream/routes.ts';
import { agentsRoutes } from './modules/stream/agentsRoutes.ts';
import { chatPlugin } from './modules/chat/index.ts';
import { agentCatalogue } from './modules/agents/catalogue.ts';

/** The public gateway on PORT (8000): the AIGun-compatible intelligence API. */
export async function buildGateway(platform: Platform) {
  const { ctx } = platform;
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest gateway',
    description: 'Crypto market intelligence: the filtered, paginated feed that AI agents publish, token market data and the ingest door.',
    rateLimit: true,
  });
  await app.register(systemRoutes(ctx));
  const catalogue = new Set(agentCatalogue.map((agent) => agent.id));
  await app.register(intelligenceRoutes(platform.intelligence.service, platform.market, (id) => catalogue.has(id)), { prefix: '/api/v1/intelligence' });
  await app.register(streamRoutes(ctx));
  await app.register(agentsRoutes(ctx), { prefix: '/api/v1/agents' });
  await app.register(chatPlugin(platform), { prefix: '/api/chat' });
  // Tool domains' own REST (e.g. the Clan Warz admin routes under /api/v1/clans).
  for (const domain of platform.tools.domains) if (domain.gatewayRoutes) await app.register(domain.gatewayRoutes);
  return app;
}
