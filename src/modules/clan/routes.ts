import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../core/http/errors.ts';
import { requireRole } from '../../core/http/authentication.ts';
import type { ClanAdmin } from './admin.ts';
import {
  addMemberBody,
  clanRef,
  clanWithMembers,
  createClanBody,
  createSeasonBody,
  createWarBody,
  eventView,
  memberView,
  scoreEventBody,
  seasonView,
} from './schemas.ts';

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const admin = { tags: ['clan'], security: [{ bearer: [] }] };
// Checked on request, before the body is validated: a guest learns nothing about the admin API.
const adminOnly = requireRole('admin');
const clanParams = z.object({ id: clanRef.describe('clan id, slug or name') });
const warView = z.object({
  id: z.uuid(),
  season: z.string(),
  clan_a: z.string(),
  clan_b: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
});
const recorded = z.object({ created: z.boolean(), event: eventView });

/** Admin REST of Clan Warz on the gateway; reads go through the clan tools. */
export function clanRoutes(clans: ClanAdmin): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/clans', {
      schema: {
        ...admin,
        summary: 'Create a clan, optionally with its members',
        body: createClanBody,
        response: { 201: clanWithMembers, ...errors },
      },
      onRequest: adminOnly,
      handler: async (request, reply) => reply.status(201).send(await clans.createClan(request.body)),
    });

    app.post('/api/v1/clans/seasons', {
      schema: {
        ...admin,
        summary: 'Create a season (seasons never overlap)',
        body: createSeasonBody,
        response: { 201: seasonView, ...errors },
      },
      onRequest: adminOnly,
      handler: async (request, reply) => reply.status(201).send(await clans.createSeason(request.body)),
    });

    app.post('/api/v1/clans/wars', {
      schema: {
        ...admin,
        summary: 'Declare a war between two clans within one season',
        body: createWarBody,
        response: { 201: warView, ...errors },
      },
      onRequest: adminOnly,
      handler: async (request, reply) => reply.status(201).send(await clans.createWar(request.body)),
    });

    app.post('/api/v1/clans/:id/members', {
      schema: {
        ...admin,
        summary: 'Add a member to a clan',
        params: clanParams,
        body: addMemberBody,
        response: { 201: memberView, ...errors },
      },
      onRequest: adminOnly,
      handler: async (request, reply) => reply.status(201).send(await clans.addMember(request.params.id, request.body)),
    });

    app.post('/api/v1/clans/:id/events', {
      schema: {
        ...admin,
        summary: 'Record a score event',
        description:
          'Idempotent per event_id: the same event again returns the stored one with 200 and changes no score; the same event_id with other content is a 409. ' +
          'The event counts for the season running at occurred_at and, unless war_id says otherwise, for the clan’s war running then.',
        params: clanParams,
        body: scoreEventBody,
        response: { 200: recorded, 201: recorded, ...errors },
      },
      onRequest: adminOnly,
      handler: async (request, reply) => {
        const result = await clans.recordEvent(request.params.id, request.body);
        return reply.status(result.created ? 201 : 200).send(result);
      },
    });
  };
}
