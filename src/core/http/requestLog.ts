import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** What a client may send as its own request id: short and printable, so it cannot forge log lines. */
const CLIENT_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** `x-request-id` from the client (or the proxy in front) when it is sane, otherwise a new UUID. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The URL as logged: a `?token=` credential (WebSocket upgrades) never reaches the log. */
export function loggableUrl(request: FastifyRequest): string {
  if (!request.routeOptions.config?.queryToken) return request.url;
  return request.url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');
}

/**
 * Every response carries its request id, and every request leaves one access
 * line at `info` (the id is on every other line the request logs too).
 */
export const requestLog = fp(async (app) => {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: loggableUrl(request), route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });
});
