import type { Component } from '../core/module.ts';
import { buildGateway } from '../gateway.ts';

export const gatewayComponent: Component = {
  name: 'gateway',
  urls: ({ PORT }) => [
    `http://localhost:${PORT}/api/v1/intelligence/  (feed)`,
    `http://localhost:${PORT}/docs  (OpenAPI)`,
    `http://localhost:${PORT}/health`,
  ],
  async start(platform) {
    const app = await buildGateway(platform);
    await app.listen({ port: platform.ctx.config.PORT, host: platform.ctx.config.HOST });
    return () => app.close();
  },
};
