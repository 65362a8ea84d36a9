import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
 * Fastify's JSON parser, unchanged for every body it accepts. It refuses a body with a prototype key
 * (secure-json-parse) as "Body is not valid JSON", which sends a client looking for a syntax error:
 * a refused body that is valid JSON is read again, only on that path, to name the key.
 */
function namePrototypeKeys(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  // parseAs 'string' hands the body over as a string.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    parse(request, body as string, (err, value) => {
      if (!err) return done(null, value);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body as string);
      } catch {
        return done(err, undefined);
      }
      const found = findUnsafeInput(parsed, '');
      done(found ? new InvalidArgumentError(found.message, { field: found.field || 'body' }) : err, undefined);
    }),
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
  namePrototypeKeys(app);
  app.addHook('preValidation', (request, _reply, done) => {
    const found = unsafeInput(request);
    done(found ? new InvalidArgumentError(found.message, { field: found.field || 'body' }) : undefined);
  });
});
