import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Config } from '../../core/config.ts';
import { requireCaller } from './callerGate.ts';
import type { McpServerFactory } from './mcpServer.ts';
import { originGuard } from './originGuard.ts';

/** Stateless servers have no stream to open (GET) and no session to end (DELETE); the transport spec answers both with 405. */
function methodNotAllowed(_request: unknown, reply: FastifyReply) {
  return reply
    .status(405)
    .header('allow', 'POST')
    .send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server is stateless; POST JSON-RPC messages to /mcp' }, id: null });
}

/**
 * MCP over Streamable HTTP at /mcp, stateless: every POST gets its own
 * protocol server and transport, answered with plain JSON. No session lives
 * on a node, so any node behind a load balancer can answer any request.
 */
export function mcpRoutes(serverFor: McpServerFactory, config: Config): FastifyPluginAsync {
  return async (app) => {
    const guard = { onRequest: originGuard(config), preHandler: requireCaller(config) };
    app.post('/mcp', { ...guard, schema: { tags: ['mcp'], summary: 'MCP Streamable HTTP endpoint (JSON-RPC; stateless, JSON responses)', security: [{ bearer: [] }] } }, async (request, reply) => {
      const server = serverFor({ principal: request.principal, client: `ip:${request.ip}` });
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      reply.raw.once('close', () => void server.close());
      await server.connect(transport);
      reply.hijack();
      await transport.handleRequest(request.raw, reply.raw, request.body);
    });
    app.get('/mcp', { ...guard, schema: { hide: true } }, methodNotAllowed);
    app.delete('/mcp', { ...guard, schema: { hide: true } }, methodNotAllowed);
  };
}
