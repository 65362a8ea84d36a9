import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '../context.ts';
import { errorBody } from './errors.ts';
import { isOperationalPath } from './operationalPaths.ts';
import { coalescingRedisStore } from './coalescingRateStore.ts';

/** The headers the global limit sets on every answer (@fastify/rate-limit's defaults). */
export const GLOBAL_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const;

/**
 * GLOBAL_LIMIT_TIMES requests per GLOBAL_LIMIT_SECONDS per client (user id when
 * signed in, else IP). With Redis the counters are shared by every node; when
 * Redis is unreachable requests are let through rather than failed. The
 * concurrent requests of one client on one node share a Redis round trip
 * (coalescingRateStore.ts); without Redis each node counts alone.
 */
export const globalRateLimit = fp<{ ctx: AppContext }>(async (app, { ctx }) => {
  await app.register(rateLimit, {
    global: true,
    hook: 'preParsing', // after authentication (onRequest), so signed-in users are limited by id
    max: ctx.config.GLOBAL_LIMIT_TIMES,
    timeWindow: ctx.config.GLOBAL_LIMIT_SECONDS * 1000,
    ...(ctx.redis && { store: coalescingRedisStore(ctx.redis, 'rl:') }),
    skipOnError: true,
    allowList: (request) => isOperationalPath(request.url),
    keyGenerator: (request) => (request.principal ? `user:${request.principal.sub}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      ...errorBody(
        'rate_limited',
        `rate limit of ${context.max} requests per ${ctx.config.GLOBAL_LIMIT_SECONDS} s exceeded; retry after ${Math.ceil(context.ttl / 1000)} s`,
      ),
    }),
  });
});

/**
 * Counts `count` more requests of this client against the global limit: a
 * JSON-RPC batch is one HTTP request carrying many calls, and must not pass
 * as one. Resolves false once the client is over its limit.
 */
export async function countMoreRequests(
  app: FastifyInstance,
  request: FastifyRequest,
  count: number,
): Promise<boolean> {
  if (count <= 0 || !app.hasDecorator('createRateLimit')) return true;
  const take = app.createRateLimit();
  // Concurrently: one round trip to Redis for the whole batch, and one timeout at most while it is unreachable (then nothing is exceeded: fail open).
  const outcomes = await Promise.all(Array.from({ length: count }, () => take(request)));
  return !outcomes.some((outcome) => !outcome.isAllowed && outcome.isExceeded);
}
