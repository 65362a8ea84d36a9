import type { Platform } from './platform.ts';
import { createHttpApp } from './core/http/server.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { intelligenceRoutes } from './modules/intelligence/routes.ts';

/** The public gateway on PORT (8000): the AIGun-compatible intelligence API. */
export async function buildGateway(platform: Platform) {
  const { ctx } = platform;
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest gateway',
    description: 'Crypto market intelligence: the filtered, paginated feed that AI agents publish, token market data and the ingest door.',
    rateLimit: true,
  });
  await app.register(systemRoutes(ctx));
  await app.register(intelligenceRoutes(platform.intelligence.service, platform.market), { prefix: '/api/v1/intelligence' });
  return app;
}
