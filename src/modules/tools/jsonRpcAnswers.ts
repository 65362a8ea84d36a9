import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InitializeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { isUnreadableBody } from '../../core/http/clientErrorCodes.ts';

/** JSON-RPC's code for a body that is not JSON. */
const PARSE_ERROR = -32700;
/** JSON-RPC's code for a method called with parameters it cannot take. */
const INVALID_PARAMS = -32602;

type JsonRpcId = string | number | null;

export function jsonRpcError(reply: FastifyReply, status: number, code: number, message: string, id: JsonRpcId = null) {
  return reply.status(status).send({ jsonrpc: '2.0', error: { code, message }, id });
}

/**
 * /mcp's error handler: a body that is not JSON is answered in JSON-RPC's words (-32700), as a client of the
 * protocol reads errors; every other error goes on to the server's own handler.
 */
export function jsonRpcParseErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (!isUnreadableBody(err)) throw err;
  return jsonRpcError(reply, 400, PARSE_ERROR, 'Parse error: the body is not valid JSON');
}

/**
 * Answers an `initialize` whose params are not what the protocol asks for with -32602 naming them, before
 * the transport sees it: otherwise it is not recognised as an initialize at all (with sessions, the client
 * is told to initialize first; without, the SDK answers an internal error).
 */
export async function refuseInvalidInitialize(request: FastifyRequest, reply: FastifyReply) {
  const message = request.body as { method?: unknown; id?: unknown; params?: unknown } | undefined;
  if (message?.method !== 'initialize') return;
  const checked = InitializeRequestSchema.shape.params.safeParse(message.params);
  if (checked.success) return;
  const issues = checked.error.issues.map((issue) => `${['params', ...issue.path].join('.')}: ${issue.message}`);
  const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : null;
  return jsonRpcError(reply, 200, INVALID_PARAMS, `Invalid params: ${issues.join('; ')}`, id);
}
