import type { Platform } from './core/module.ts';
import { createHttpApp } from './core/http/server.ts';
import { platformHealthProbes, systemRoutes } from './core/http/systemRoutes.ts';

/** The public gateway on PORT (8000): health (with the modules' own probes) and metrics, then every module's gateway routes in composition order. */
export async function buildGateway({ ctx, modules }: Platform) {
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest gateway',
    description:
      'Crypto market intelligence: the filtered, paginated feed that AI agents publish, token market data and the ingest door.',
    rateLimit: true,
  });
  await app.register(systemRoutes(ctx, platformHealthProbes({ ctx, modules })));
  for (const { face } of modules) {
    for (const { prefix, plugin } of face.gatewayRoutes ?? []) await app.register(plugin, prefix ? { prefix } : {});
  }
  return app;
}
