import { platformHealthProbes } from '../../core/http/systemRoutes.ts';
import type { ModuleComponent } from '../../core/module.ts';
import { buildToolServer, type ToolSurfaces } from './app.ts';

export const mcpComponent: ModuleComponent<ToolSurfaces> = {
  name: 'mcp',
  urls: ({ MCP_PORT }) => [
    `http://localhost:${MCP_PORT}/mcp  (MCP, Streamable HTTP)`,
    `http://localhost:${MCP_PORT}/tools  (REST tools)`,
    `http://localhost:${MCP_PORT}/docs  (OpenAPI)`,
  ],
  async start(tools, platform) {
    const { ctx } = platform;
    const app = await buildToolServer(ctx, tools, platformHealthProbes(platform));
    await app.listen({ port: ctx.config.MCP_PORT, host: ctx.config.HOST });
    return () => app.close();
  },
};
