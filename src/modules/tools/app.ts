import type { Platform } from '../../platform.ts';
import { createHttpApp } from '../../core/http/server.ts';
import { systemRoutes } from '../system/routes.ts';
import { createMcpSurface } from './mcpServer.ts';
import { mcpRoutes } from './mcpRoutes.ts';
import { toolRoutes } from './routes.ts';

/** The tool server on MCP_PORT (8002): MCP at /mcp, the REST tool API, health and OpenAPI at /docs. */
export async function buildToolServer(platform: Platform) {
  const { ctx } = platform;
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest tools',
    description: 'Typed tools for AI agents and REST clients: MCP over Streamable HTTP at /mcp, and /tools, /introspect and /execute.',
    rateLimit: true,
  });
  await app.register(systemRoutes(ctx));
  await app.register(toolRoutes(platform.tools, ctx.config));
  await app.register(mcpRoutes(createMcpSurface(platform), ctx.config));
  return app;
}
