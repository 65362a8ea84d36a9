import { createHttpApp } from '../../core/http/server.ts';
import { platformHealthProbes, systemRoutes } from '../../core/http/systemRoutes.ts';
import type { ModuleComponent, Platform, Worker } from '../../core/module.ts';
import { runWorkerSingleton } from '../../core/lease/workerLease.ts';
import type { ArbitrageParts } from './parts.ts';
import { opportunitiesRoutes } from './routes.ts';

/** The engine's HTTP door: its opportunities, and `/health` probing what the gateway's does (the secrets store too). */
export async function buildArbitrageApp(
  platform: Pick<Platform, 'ctx' | 'modules'>,
  arbitrage: Pick<ArbitrageParts, 'engine' | 'scanner'>,
) {
  const { ctx } = platform;
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest arbitrage',
    description:
      'The arbitrage engine: current cross-exchange opportunities, net of taker fees, priced over order-book depth.',
    rateLimit: true,
  });
  await app.register(systemRoutes(ctx, platformHealthProbes(platform)));
  await app.register(opportunitiesRoutes(arbitrage));
  return app;
}

/** The arbitrage engine (a singleton: see runWorkerSingleton) and its HTTP door on ARBITRAGE_PORT (8001). */
export const arbitrageComponent: ModuleComponent<ArbitrageParts & { engineWorker: Worker }> = {
  name: 'arbitrage',
  urls: ({ ARBITRAGE_PORT }) => [`http://localhost:${ARBITRAGE_PORT}/opportunities`],
  async start(arbitrage, platform) {
    const { ctx } = platform;
    // One engine scans and publishes across the cluster (here or on an agents worker); this door reads its last scan.
    const stopEngine = runWorkerSingleton(ctx.leases, arbitrage.engineWorker);
    const app = await buildArbitrageApp(platform, arbitrage);
    await app.listen({ port: ctx.config.ARBITRAGE_PORT, host: ctx.config.HOST });
    return async () => {
      await app.close();
      await stopEngine();
    };
  },
};
