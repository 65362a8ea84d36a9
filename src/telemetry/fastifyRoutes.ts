import { subscribe } from 'node:diagnostics_channel';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { FastifyInstance } from 'fastify';

/**
 * Names each HTTP server span after the Fastify route that served it
 * (`GET /api/v1/intelligence/:id`, with `http.route`), so requests group by
 * route rather than by method alone. Every Fastify app announces itself on
 * the `fastify.initialization` channel as it is created; the HTTP
 * instrumentation reads the route from the request's RPC metadata when the response ends.
 */
export function nameServerSpansByRoute(): void {
  subscribe('fastify.initialization', (message) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRequest', (request, _reply, done) => {
      const metadata = getRPCMetadata(context.active());
      if (metadata?.type === RPCType.HTTP && request.routeOptions.url) metadata.route = request.routeOptions.url;
      done();
    });
  });
}
