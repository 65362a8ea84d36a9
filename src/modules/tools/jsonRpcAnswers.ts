import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { InitializeRequestSchema, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { isUnreadableBody } from '../../core/http/clientErrorCodes.ts';
import { findUnsafeInput } from '../../core/text.ts';

/** JSON-RPC's code for a body that is not JSON. */
const PARSE_ERROR = -32700;
/** JSON-RPC's code for a method called with parameters it cannot take. */
const INVALID_PARAMS = -32602;
const INVALID_REQUEST = -32600;
/** The JSON-RPC code of a request that was cancelled (as LSP has it; MCP names none). */
const REQUEST_CANCELLED = -32800;

type JsonRpcId = string | number | null;

/** A message's id if it is one a JSON-RPC answer can carry, else null. */
const idOf = (id: unknown): JsonRpcId => (typeof id === 'string' || typeof id === 'number' ? id : null);

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
 * Answers valid JSON that is no JSON-RPC 2.0 message (an object `id`, `"jsonrpc": "1.0"`, a bare string) with
 * -32600 naming what is wrong, as JSON-RPC asks: the transport would call it a parse error (-32700), which says
 * the JSON did not parse. Under no id (it may be the id that is wrong), with HTTP 400.
 */
export async function refuseInvalidMessages(request: FastifyRequest, reply: FastifyReply) {
  // GET (the stream) and DELETE carry no messages.
  if (request.method !== 'POST') return;
  const body = request.body;
  for (const [at, message] of (Array.isArray(body) ? body : [body]).entries()) {
    const checked = JSONRPCMessageSchema.safeParse(message);
    if (checked.success) continue;
    const where = Array.isArray(body) ? `message ${at}` : 'the message';
    return jsonRpcError(
      reply,
      400,
      INVALID_REQUEST,
      `Invalid Request: ${where} is not a JSON-RPC 2.0 message (${describe(message)})`,
    );
  }
}

/** What a message that is no JSON-RPC 2.0 lacks, in a few words a client can act on. */
function describe(message: unknown): string {
  if (!isObject(message)) return 'it is not an object';
  if (message.jsonrpc !== '2.0') return '"jsonrpc" must be "2.0"';
  if ('id' in message && typeof message.id !== 'string' && typeof message.id !== 'number')
    return '"id" must be a string or a number';
  if ('method' in message && typeof message.method !== 'string') return '"method" must be a string';
  return 'a request needs "method", a response "result" or "error"';
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
  return jsonRpcError(reply, 200, INVALID_PARAMS, `Invalid params: ${issues.join('; ')}`, idOf(message.id));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A message with a `tools/call`'s arguments left out: the registry judges those itself. */
function withoutToolArguments(message: unknown): unknown {
  if (!isObject(message) || message.method !== 'tools/call' || !isObject(message.params)) return message;
  const { arguments: _judgedByTheRegistry, ...params } = message.params;
  return { ...message, params };
}

/**
 * Answers a message holding a prototype key (`__proto__`, `constructor.prototype`), a NUL or an unpaired
 * surrogate with -32602 naming where, as the platform's input rules refuse them in any body. A `tools/call`'s
 * arguments are the exception: the registry refuses them there as an `invalid_parameters` result, which a
 * model reads and can correct. A request is answered under its id; a notification, a response
 * or a batch, which have none to answer under, with HTTP 400.
 */
export async function refuseUnsafeInput(request: FastifyRequest, reply: FastifyReply) {
  const body = request.body;
  for (const message of Array.isArray(body) ? body : [body]) {
    const found = findUnsafeInput(withoutToolArguments(message), '');
    if (!found) continue;
    const id =
      !Array.isArray(body) && isObject(message) && typeof message.method === 'string' ? idOf(message.id) : null;
    const field = found.field.replace(/^params\./, '') || 'message';
    return jsonRpcError(reply, id === null ? 400 : 200, INVALID_PARAMS, `${field}: ${found.message}`, id);
  }
}

/**
 * Makes `transport` end the HTTP exchange of each request a client cancels while the transport still answers it.
 *
 * The MCP spec (basic/utilities/cancellation) says a receiver SHOULD stop the request and SHOULD NOT send
 * a response for it, and the protocol server sends none. But over Streamable HTTP the POST that carried
 * the request is still open: in JSON mode the transport answers only when every request of the POST has a
 * response, and in SSE mode it closes the stream only then, so without one the exchange never ends and the
 * transport keeps the request's entries. Each such request gets the JSON-RPC error -32800 "Request
 * cancelled" (the code LSP gives a cancelled request): the HTTP exchange ends, the transport forgets it, and
 * a client that sent the cancellation has stopped waiting for it (the SDK client drops it, telling its
 * onerror of an unknown id). This holds for a cancellation in a POST of its own (with sessions, relayed
 * to the node running the request) and for one in the same batch as its request.
 *
 * Set before the protocol server connects, which calls the transport's own onmessage ahead of its handlers.
 * The answer waits for the next turn of the event loop, when the protocol server has seen the cancellation
 * (its handlers run on a later microtask): the call is aborted and its own answer dropped, and one it sent
 * before stands. A transport that is not answering the request (it ran on another node, in another POST
 * without sessions, or was already answered) refuses to send it, which is ignored.
 */
export function answerCancelledRequests(transport: Transport) {
  transport.onmessage = (message) => {
    if (!('method' in message) || message.method !== 'notifications/cancelled') return;
    const id = message.params?.requestId;
    if (typeof id !== 'string' && typeof id !== 'number') return;
    setImmediate(() => {
      transport
        .send({ jsonrpc: '2.0', id, error: { code: REQUEST_CANCELLED, message: 'Request cancelled' } })
        .catch(() => {});
    });
  };
}
