import type { AppContext } from '../../core/context.ts';
import { createHttpApp } from '../../core/http/server.ts';
import { systemRoutes } from '../../core/http/systemRoutes.ts';
import type { ReferenceResource, ToolPrompt } from '../../core/tool.ts';
import type { ToolRegistry } from './registry.ts';
import { createMcpSurface } from './mcpServer.ts';
import { mcpRoutes } from './mcpRoutes.ts';
import { oauthResourceServer } from './oauth/resourceServer.ts';
import { toolRoutes } from './routes.ts';

/** What the tool server serves: the registry, and the modules' MCP resources and prompts. */
export interface ToolSurfaces {
  registry: ToolRegistry;
  resources: readonly ReferenceResource[];
  prompts: readonly ToolPrompt[];
}

/** The tool server on MCP_PORT (8002): MCP at /mcp, the REST tool API, health and OpenAPI at /docs. */
export async function buildToolServer(ctx: AppContext, tools: ToolSurfaces) {
  const oauth = oauthResourceServer(ctx.config);
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest tools',
    description:
      'Typed tools for AI agents and REST clients: MCP over Streamable HTTP at /mcp, and /tools, /introspect and /execute.',
    rateLimit: true,
    ...(oauth && { auth: oauth.auth(ctx.auth) }),
  });
  if (oauth) await app.register(oauth.plugin, { settings: oauth.settings });
  await app.register(systemRoutes(ctx));
  await app.register(toolRoutes(tools.registry, ctx.config));
  await app.register(mcpRoutes(createMcpSurface(tools.registry, tools), ctx.config));
  return app;
}
