import { createHttpApp } from '../../core/http/server.ts';
import { systemRoutes } from '../../core/http/systemRoutes.ts';
import type { AppContext } from '../../core/context.ts';
import type { ModuleComponent, Worker } from '../../core/module.ts';
import { runWorkerSingleton } from '../../core/lease/workerLease.ts';
import type { ArbitrageEngine } from './engine.ts';
import { opportunitiesRoutes } from './routes.ts';

export async function buildArbitrageApp(ctx: AppContext, engine: ArbitrageEngine) {
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest arbitrage',
    description:
      'The arbitrage engine: current cross-exchange opportunities, net of taker fees, priced over order-book depth.',
    rateLimit: true,
  });
  await app.register(systemRoutes(ctx));
  await app.register(opportunitiesRoutes(engine));
  return app;
}

/** The arbitrage engine (a singleton: see runWorkerSingleton) and its HTTP door on ARBITRAGE_PORT (8001). */
export const arbitrageComponent: ModuleComponent<{ engine: ArbitrageEngine; engineWorker: Worker }> = {
  name: 'arbitrage',
  urls: ({ ARBITRAGE_PORT }) => [`http://localhost:${ARBITRAGE_PORT}/opportunities`],
  async start({ engine, engineWorker }, { ctx }) {
    // One engine scans and publishes across the cluster (here or on an agents worker); this door reads its last scan.
    const stopEngine = runWorkerSingleton(ctx.leases, engineWorker);
    const app = await buildArbitrageApp(ctx, engine);
    await app.listen({ port: ctx.config.ARBITRAGE_PORT, host: ctx.config.HOST });
    return async () => {
      await app.close();
      await stopEngine();
    };
  },
};
