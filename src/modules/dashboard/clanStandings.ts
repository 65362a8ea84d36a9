import type { FastifyPluginAsync } from 'fastify';
import type { ToolRegistry } from '../tools/index.ts';

/** What /clans shows, each read through its guest tool (the tool's own role, rate limit and timeout apply). */
const READS = {
  '/clans/leaderboard': { tool: 'clan.leaderboard', parameters: { limit: 20 } },
  '/clans/war': { tool: 'clan.war_status', parameters: {} },
} as const;

/**
 * GET /clans/leaderboard and /clans/war: the Clan Warz page's two reads, run as a guest through the tool registry.
 * The tool server's POST /execute takes guests only in development, and these standings are public.
 */
export function clanStandingsRoutes(registry: ToolRegistry): FastifyPluginAsync {
  return async (app) => {
    for (const [path, { tool, parameters }] of Object.entries(READS))
      app.get(path, async (request, reply) => {
        const outcome = await registry.execute(tool, parameters, {
          principal: null,
          client: `ip:${request.ip}`,
        });
        return outcome.ok ? outcome.result : reply.status(outcome.status).send({ error: outcome.error });
      });
  };
}
