import type { FastifyReply } from 'fastify';

/**
 * Sends a body that is already JSON (a cached page). Fastify passes strings
 * with a JSON content type through untouched, so a cache hit costs no
 * serialisation; the route's response schema still documents the shape.
 */
export function sendSerialized(reply: FastifyReply, json: string) {
  return reply.type('application/json; charset=utf-8').send(json);
}
