import type { FastifyReply } from 'fastify';

/**
 * Sends a body that is already JSON (a cached page), as text or as its UTF-8
 * bytes. Fastify passes both through untouched with a JSON content type, so a
 * cache hit costs no serialisation; the route's response schema still
 * documents the shape.
 */
export function sendSerialized(reply: FastifyReply, json: string | Buffer) {
  return reply.type('application/json; charset=utf-8').send(json);
}
