import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { findUnsafeInput } from '../text.ts';
import { InvalidArgumentError } from '../domainErrors.ts';

/**
 * The first unsafe string or key in what the route will validate. Bodies are
 * walked only for routes that declare a body schema: protocol routes that
 * take raw messages (MCP's JSON-RPC) answer in their protocol's own error
 * shape, and the tool registry checks tool arguments itself.
 */
function unsafeInput(request: FastifyRequest) {
  return (
    findUnsafeInput(request.params, '') ??
    findUnsafeInput(request.query, '') ??
    (request.body !== undefined && request.routeOptions.schema?.body ? findUnsafeInput(request.body, '') : null)
  );
}

/**
 * Refuses NUL characters, unpaired UTF-16 surrogates and prototype keys in
 * query strings, path parameters and JSON bodies with a 400 naming the field
 * (`title`, `source.name`), before validation: PostgreSQL cannot store such
 * text, and a 500 from the database is the wrong answer to a client's mistake.
 * One regex test per string, so it costs next to nothing on normal requests.
 */
export const inputGuard = fp(async (app) => {
  app.addHook('preValidation', (request, _reply, done) => {
    const found = unsafeInput(request);
    done(found ? new InvalidArgumentError(found.message, { field: found.field || 'body' }) : undefined);
  });
});
