import type { AppContext } from '../../core/context.ts';
import { createHttpApp } from '../../core/http/server.ts';
import { type HealthProbes, systemRoutes } from '../../core/http/systemRoutes.ts';
import type { ReferenceResource, ToolPrompt } from '../../core/tool.ts';
import type { ItemLog } from '../intelligence/index.ts';
import type { ToolRegistry } from './registry.ts';
import { conformanceFixtures } from './conformanceFixtures.ts';
import { parseLiveUri, startLiveFeed } from './liveIntelligence.ts';
import { memoryEventStores, redisEventStores } from './mcpEventStore.ts';
import { createMcpSurface, type LiveSources } from './mcpServer.ts';
import { mcpRoutes } from './mcpRoutes.ts';
import { notifiedOffsetMark, startMcpSessions } from './mcpSessions.ts';
import { createMemorySessionStore, createRedisSessionStore } from './mcpSessionStore.ts';
import { oauthResourceServer } from './oauth/resourceServer.ts';
import { toolRoutes } from './routes.ts';

/** What the tool server serves: the registry, the modules' MCP resources and prompts, and the live intelligence. */
export interface ToolSurfaces {
  registry: ToolRegistry;
  resources: readonly ReferenceResource[];
  prompts: readonly ToolPrompt[];
  live?: LiveSources & { log: ItemLog };
}

/** MCP sessions on this node (MCP_SESSIONS): kept in Redis when configured, else in process; stopped with the app. */
async function sessionsFor(
  ctx: AppContext,
  tools: ToolSurfaces,
  serverFor: ReturnType<typeof createMcpSurface>,
  fixtures: typeof conformanceFixtures | undefined,
) {
  const { config, redis, bus, logger } = ctx;
  const ttlSeconds = config.MCP_SESSION_TTL_SECONDS;
  const feed = tools.live && (await startLiveFeed({ bus, log: tools.live.log, logger }));
  const sessions = await startMcpSessions({
    serverFor,
    store: redis
      ? createRedisSessionStore(redis, { ttlSeconds })
      : createMemorySessionStore({ ttlSeconds, max: config.MCP_MAX_SESSIONS }),
    events: redis
      ? redisEventStores(redis, { max: config.MCP_EVENT_LOG_MAX, ttlSeconds, mark: notifiedOffsetMark })
      : memoryEventStores({ max: config.MCP_EVENT_LOG_MAX, mark: notifiedOffsetMark }),
    feed,
    parseLive: (uri) => (tools.live ? parseLiveUri(uri, tools.live.tokenFilterKey) : undefined),
    bus,
    logger,
    ttlSeconds,
    maxLocal: config.MCP_MAX_SESSIONS,
    streamedTools: fixtures?.streamedTools,
  });
  const stop = async () => {
    await sessions.close();
    await feed?.stop();
  };
  return { sessions, stop };
}

/**
 * The tool server on MCP_PORT (8002): MCP at /mcp, the REST tool API, health and OpenAPI at /docs. `/health` probes
 * `probes` (the platform's, with the secrets store its tokens' keys come from; the context's alone by default).
 */
export async function buildToolServer(ctx: AppContext, tools: ToolSurfaces, probes?: HealthProbes) {
  const oauth = oauthResourceServer(ctx.config, ctx.logger);
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest tools',
    description:
      'Typed tools for AI agents and REST clients: MCP over Streamable HTTP at /mcp, and /tools, /introspect and /execute.',
    rateLimit: true,
    ...(oauth && { auth: oauth.auth(ctx.auth) }),
  });
  if (oauth) await app.register(oauth.plugin, { settings: oauth.settings });
  await app.register(systemRoutes(ctx, probes));
  await app.register(toolRoutes(tools.registry, ctx.config));
  // The conformance suite's fixtures exist only on a server started for it (the configuration refuses them in production).
  const fixtures = ctx.config.MCP_CONFORMANCE_FIXTURES ? conformanceFixtures : undefined;
  const serverFor = createMcpSurface(tools.registry, tools, { fixtures });
  const live = ctx.config.MCP_SESSIONS ? await sessionsFor(ctx, tools, serverFor, fixtures) : undefined;
  // Before the server stops listening: open SSE streams end, or closing would wait for them.
  if (live) app.addHook('preClose', live.stop);
  await app.register(mcpRoutes(serverFor, ctx.config, live?.sessions));
  return app;
}
