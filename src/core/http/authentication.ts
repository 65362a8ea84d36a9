import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, hasRole, stopsVerifyingAt, type Auth, type Principal, type Role } from '../auth/auth.ts';
import { errorBody } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, or null for a guest. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** This route is a WebSocket upgrade that may carry its token as `?token=` (browsers can't set headers there). */
    queryToken?: boolean;
  }
}

/**
 * The bearer token of a request: `Authorization: Bearer …`, or `?token=` on a
 * WebSocket upgrade route that allows it. Nowhere else: a token in a URL ends
 * up in proxy logs and browser history, and on plain requests `token` is the
 * feed's token filter.
 */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) return /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? header.trim();
  // The cheap header test first: routeOptions is built anew on every read.
  if (request.headers.upgrade?.toLowerCase() !== 'websocket' || !request.routeOptions.config?.queryToken)
    return undefined;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' && query.token ? query.token : undefined;
}

/** The challenge of a 401 (RFC 6750 §3): a bearer token is what to send. */
export const BEARER_CHALLENGE = 'Bearer realm="alphanest"';

/** When the signed-in caller's token stops verifying (epoch ms); undefined for a guest. */
export function tokenExpiry(request: FastifyRequest): number | undefined {
  const token = request.principal ? bearerToken(request) : undefined;
  return token === undefined ? undefined : stopsVerifyingAt(token);
}

/**
 * Reading is open to guests, so a missing token is fine; a token that is
 * present but bad is always a 401 with the reason, never a silent downgrade.
 */
export const authentication = fp<{ auth: Auth }>(async (app, { auth }) => {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = bearerToken(request);
    if (!token) return;
    try {
      request.principal = await auth.verify(token);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      // A token was sent and refused: the challenge says so (RFC 6750 §3.1), so a client gets a new one.
      return reply
        .status(401)
        .header('www-authenticate', `${BEARER_CHALLENGE}, error="invalid_token"`)
        .send(errorBody('unauthorized', err.message));
    }
  });
});

/**
 * A route's onRequest hook that admits only the given roles: 401 for guests, 403 for the wrong role. It runs
 * after the token is read (the app-wide onRequest above) and before the body is read and validated, so a caller
 * who may not use the route learns nothing of its body schema; routes that authorise by the body (an agent
 * publishing as `agent_id`) check that in their handler.
 */
export function requireRole(...allowed: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.principal) return reply.status(401).send(errorBody('unauthorized', 'sign in with a bearer token'));
    if (!hasRole(request.principal, allowed)) {
      return reply.status(403).send(errorBody('forbidden', `requires role ${allowed.join(' or ')}`));
    }
  };
}
