import type { Component } from '../../runtime/component.ts';
import type { Platform } from '../../platform.ts';
import { createHttpApp } from '../../core/http/server.ts';
import { systemRoutes } from '../system/routes.ts';
import { opportunitiesRoutes } from './routes.ts';

export async function buildArbitrageApp(platform: Platform) {
  const app = await createHttpApp(platform.ctx, {
    title: 'AlphaNest arbitrage',
    description: 'The arbitrage engine: current cross-exchange opportunities, net of taker fees, priced over order-book depth.',
    rateLimit: true,
  });
  await app.register(systemRoutes(platform.ctx));
  await app.register(opportunitiesRoutes(platform.arbitrage.engine));
  return app;
}

/** The arbitrage engine and its HTTP door on ARBITRAGE_PORT (8001). */
export const arbitrageComponent: Component = {
  name: 'arbitrage',
  urls: ({ ARBITRAGE_PORT }) => [`http://localhost:${ARBITRAGE_PORT}/opportunities`],
  async start(platform) {
    const stopEngine = await platform.arbitrage.engine.start();
    const app = await buildArbitrageApp(platform);
    await app.listen({ port: platform.ctx.config.ARBITRAGE_PORT, host: platform.ctx.config.HOST });
    return async () => {
      await app.close();
      await stopEngine();
    };
  },
};
