import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noParameters } from '../../core/http/knownParameters.ts';
import { agentCatalogue } from '../intelligence/index.ts';

const agentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    sources: z.array(z.string()),
    /** Signed-in users who follow the agent on the stream. */
    followers: z.number().int(),
  })
  .meta({ id: 'Agent' });

/** `GET /api/v1/agents`: the agents traders can follow on the stream. */
export function agentsRoutes(followerCounts: () => Promise<Map<string, number>>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/', {
      schema: {
        tags: ['agents'],
        summary: 'The AI agents that publish intelligence, with their follower counts',
        querystring: noParameters,
        response: { 200: z.object({ agents: z.array(agentSchema) }) },
      },
      handler: async () => {
        const followers = await followerCounts();
        return { agents: agentCatalogue.map((agent) => ({ ...agent, followers: followers.get(agent.id) ?? 0 })) };
      },
    });
  };
}
