import type { Component } from '../../runtime/component.ts';
import { buildToolServer } from './app.ts';

export const mcpComponent: Component = {
  name: 'mcp',
  urls: ({ MCP_PORT }) => [`http://localhost:${MCP_PORT}/mcp  (MCP, Streamable HTTP)`, `http://localhost:${MCP_PORT}/tools  (REST tools)`, `http://localhost:${MCP_PORT}/docs  (OpenAPI)`],
  async start(platform) {
    const app = await buildToolServer(platform);
    await app.listen({ port: platform.ctx.config.MCP_PORT, host: platform.ctx.config.HOST });
    return () => app.close();
  },
};
