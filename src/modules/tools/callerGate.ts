import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../core/config.ts';
import { errorBody } from '../../core/http/errors.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * A request straight from this machine: the socket's peer is loopback and no
 * proxy header says it was forwarded (a local nginx would make every remote
 * caller look local; request.ip follows TRUST_PROXY, so it cannot be used here).
 */
function fromLoopback(request: FastifyRequest): boolean {
  const { headers } = request;
  return (
    LOOPBACK.has(request.raw.socket.remoteAddress ?? '') &&
    headers['x-forwarded-for'] === undefined &&
    headers.forwarded === undefined
  );
}

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
      .header('www-authenticate', 'Bearer realm="alphanest"')
      .send(errorBody('unauthorized', 'sign in with a bearer token (Authorization: Bearer <JWT>)'));
  };
}
