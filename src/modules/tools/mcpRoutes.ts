import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { countMoreRequests } from '../../core/http/rateLimit.ts';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Config } from '../../core/config.ts';
import { requireCaller } from './callerGate.ts';
import type { McpServerFactory } from './mcpServer.ts';
import type { McpSessions } from './mcpSessions.ts';
import { addSessionRoutes } from './mcpSessionRoutes.ts';
import {
  answerCancelledRequests,
  jsonRpcError,
  jsonRpcParseErrors,
  refuseInvalidInitialize,
  refuseInvalidMessages,
  refuseUnsafeInput,
} from './jsonRpcAnswers.ts';
import { originGuard } from './originGuard.ts';

/** Stateless servers have no stream to open (GET) and no session to end (DELETE); the transport spec answers both with 405. */
function methodNotAllowed(_request: unknown, reply: FastifyReply) {
  return reply
    .status(405)
    .header('allow', 'POST')
    .send({
      jsonrpc: '2.0',
      error: { code: -32000, message: 'Method not allowed: this server is stateless; POST JSON-RPC messages to /mcp' },
      id: null,
    });
}

/**
 * PUT and PATCH, which the transport does not define: 405 naming the methods /mcp takes, rather than the 404 of a
 * path that does not exist.
 */
function otherMethods(allow: string) {
  return (_request: unknown, reply: FastifyReply) =>
    reply
      .status(405)
      .header('allow', allow)
      .send({ jsonrpc: '2.0', error: { code: -32000, message: `Method not allowed: /mcp takes ${allow}` }, id: null });
}

/** Messages one JSON-RPC batch may carry (clients of revisions before 2025-06-18 may batch; later ones never do). */
const MAX_BATCH = 50;

/** JSON-RPC's code for a request the server will not take as sent. */
const INVALID_REQUEST = -32600;

/**
 * MCP over Streamable HTTP at /mcp. With sessions (`sessions` given,
 * MCP_SESSIONS) see mcpSessionRoutes; without, every POST gets its own
 * protocol server and transport, answered with plain JSON, and no session
 * lives on a node. Either way every request passes the same origin, caller
 * and rate checks.
 */
export function mcpRoutes(serverFor: McpServerFactory, config: Config, sessions?: McpSessions): FastifyPluginAsync {
  return async (app) => {
    // The platform's JSON parser refuses a body with a prototype key outright, with a REST 400. Here (this plugin's
    // own context) it is read as JSON.parse reads it, where such a key is an own property, never a prototype, and
    // answered in the protocol's terms: refuseUnsafeInput, or the registry for tool arguments.
    app.removeContentTypeParser('application/json');
    const parseJson = app.getDefaultJsonParser('ignore', 'ignore');
    // A DELETE (or GET) carries no message: an empty body that says it is JSON is no body, not a parse error.
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (request.method !== 'POST' && body === '') return done(null, undefined);
      return parseJson(request, String(body), done);
    });
    /** Every message of a batch counts against the global limit, as separate requests would; an empty one is refused. */
    async function limitBatch(request: FastifyRequest, reply: FastifyReply) {
      if (!Array.isArray(request.body)) return;
      // JSON-RPC 2.0: an empty array is an Invalid Request, answered with one error (the transport sent 202 and nothing).
      if (request.body.length === 0)
        return jsonRpcError(reply, 400, INVALID_REQUEST, 'Invalid Request: an empty batch; send at least one message');
      if (request.body.length > MAX_BATCH)
        return jsonRpcError(reply, 400, INVALID_REQUEST, `a batch may carry at most ${MAX_BATCH} messages`);
      if (!(await countMoreRequests(app, request, request.body.length - 1))) {
        return jsonRpcError(
          reply.header('retry-after', String(config.GLOBAL_LIMIT_SECONDS)),
          429,
          INVALID_REQUEST,
          `rate limit of ${config.GLOBAL_LIMIT_TIMES} requests per ${config.GLOBAL_LIMIT_SECONDS} s exceeded (each message of a batch counts)`,
        );
      }
    }
    const guard = {
      onRequest: originGuard(config),
      preHandler: [
        requireCaller(config),
        limitBatch,
        refuseInvalidInitialize,
        refuseUnsafeInput,
        refuseInvalidMessages,
      ],
      errorHandler: jsonRpcParseErrors,
    };
    app.route({
      method: ['PUT', 'PATCH'],
      url: '/mcp',
      schema: { hide: true },
      handler: otherMethods(sessions ? 'GET, POST, DELETE' : 'POST'),
    });
    if (sessions) return addSessionRoutes(app, sessions, guard, { sendBufferBytes: config.STREAM_SEND_BUFFER_BYTES });
    app.post(
      '/mcp',
      {
        ...guard,
        schema: {
          tags: ['mcp'],
          summary: 'MCP Streamable HTTP endpoint (JSON-RPC; stateless, JSON responses)',
          security: [{ bearer: [] }],
        },
      },
      async (request, reply) => {
        const server = serverFor({ principal: request.principal, client: `ip:${request.ip}` });
        const transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: undefined,
          enableJsonResponse: true,
        });
        reply.raw.once('close', () => void server.close());
        answerCancelledRequests(transport);
        await server.connect(transport);
        reply.hijack();
        await transport.handleRequest(request.raw, reply.raw, request.body);
      },
    );
    const notAllowed = { tags: ['mcp'], security: [{ bearer: [] }] };
    app.get(
      '/mcp',
      { ...guard, schema: { ...notAllowed, summary: 'Not allowed (405): a stateless server has no stream to open' } },
      methodNotAllowed,
    );
    app.delete(
      '/mcp',
      { ...guard, schema: { ...notAllowed, summary: 'Not allowed (405): a stateless server has no session to end' } },
      methodNotAllowed,
    );
  };
}
