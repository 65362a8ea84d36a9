import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.ts';
import { BEARER_CHALLENGE } from '../../core/http/authentication.ts';
import { errorBody } from '../../core/http/errors.ts';
import { fromLoopback } from '../../core/http/loopback.ts';

/**
 * Running tools needs a platform bearer token (a bad token has already been
 * refused by the authentication hook). In development a client on the same
 * machine may call as a guest, so desktop MCP clients work without a token;
 * the registry still enforces each tool's role.
 */
export function requireCaller(config: Pick<Config, 'ENV'>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.principal || (config.ENV === 'dev' && fromLoopback(request))) return;
    return reply
      .status(401)
      .header('www-authenticate', BEARER_CHALLENGE)
      .send(errorBody('unauthorized', 'sign in with a bearer token (Authorization: Bearer <JWT>)'));
  };
}
