import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../metrics.ts';

/** What a client may send as its own request id: short and printable, so it cannot forge log lines. */
const CLIENT_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** `x-request-id` from the client (or the proxy in front) when it is sane, otherwise a new UUID. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The URL as logged: a `?token=` credential (WebSocket upgrades) never reaches the log. */
function loggableUrl(request: FastifyRequest, queryToken: boolean | undefined): string {
  return queryToken ? request.url.replace(/([?&]token=)[^&]*/g, '$1[redacted]') : request.url;
}

/**
 * Every response carries its request id, and every request is counted in the
 * Prometheus request metrics and leaves one access line at `info` (the id is
 * on every other line the request logs too). One hook for both: the route's
 * options are built anew on every read.
 */
export const requestLog = fp<{ metrics: Metrics }>(async (app, { metrics }) => {
  // Callback hooks: they run on every request, and an async one costs a promise each time.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const { url: route = 'unmatched', config } = request.routeOptions;
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    request.log.info(
      {
        method: request.method,
        url: loggableUrl(request, config?.queryToken),
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });
});
