import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Whether the request carries a body (a declared length above zero, or a chunked one). */
function hasBody(request: FastifyRequest) {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Refuses a request body sent with a Content-Encoding (`gzip`, `br`, …) with 415 naming it: the servers
 * decode none, and reading compressed bytes as JSON answered `400 invalid_json`, which sends a client
 * looking for a syntax error (or took a mislabelled plain body as if the label were not there). `identity`
 * means no encoding and is taken. Before the body is read, after authentication.
 */
export const refuseEncodedBodies = fp(
  async (app) => {
    app.addHook('preParsing', async (request, _reply, payload) => {
      const header = request.headers['content-encoding'];
      if (header === undefined || !hasBody(request)) return payload;
      const encodings = header
        .split(',')
        .map((encoding) => encoding.trim().toLowerCase())
        .filter((encoding) => encoding !== '' && encoding !== 'identity');
      if (encodings.length === 0) return payload;
      throw Object.assign(
        new Error(`Content-Encoding ${encodings.join(', ')} is not supported: send the body uncompressed`),
        { statusCode: 415 },
      );
    });
  },
  { name: 'refuse-encoded-bodies' },
);
