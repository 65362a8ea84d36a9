import { Readable } from 'node:stream';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isInitializeRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerHookHandler,
  onRequestHookHandler,
} from 'fastify';
import type { ExecuteOptions } from './registry.ts';
import type { LocalSession, McpSessions } from './mcpSessions.ts';
import { jsonRpcError } from './jsonRpcAnswers.ts';
import { tokenExpiry } from '../../core/http/authentication.ts';

/** JSON-RPC code the Streamable HTTP transport gives an unknown or expired session. */
const SESSION_NOT_FOUND = -32001;
/** setTimeout's longest delay: a stream whose token lives longer is cut then, and the client reconnects. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Seconds a client is asked to wait before trying again, as the platform's other 503s ask (README "Outages"). */
const RETRY_AFTER_SECONDS = 5;

const retryLater = (reply: FastifyReply) => reply.header('retry-after', String(RETRY_AFTER_SECONDS));
/** The sessions' store (Redis on a cluster) did not answer: not the client's fault, nor the node's being full. */
const storeUnavailable = (reply: FastifyReply) =>
  jsonRpcError(retryLater(reply), 503, -32000, 'sessions are unavailable (their store did not answer); retry');

/** Who a session belongs to: a signed-in user, or a guest by address. Only they may use it. */
const ownerOf = (request: FastifyRequest) => (request.principal ? `user:${request.principal.sub}` : `ip:${request.ip}`);

/**
 * The caller of this one request, handed to the session's protocol server as
 * the request's auth info: a session never keeps a token, so a token that
 * expired or a role that changed counts from the next request on.
 */
function authInfoOf(request: FastifyRequest): AuthInfo {
  const caller: ExecuteOptions = { principal: request.principal, client: `ip:${request.ip}` };
  return { token: '', clientId: ownerOf(request), scopes: [], extra: { caller } };
}

/** The request as the SDK's web-standard transport reads it (the body is already parsed). */
function webRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  return new Request(`http://${request.host}${request.url}`, { method: request.method, headers });
}

/**
 * Writes the transport's answer (JSON, or an SSE stream that lasts until either side ends it); resolves
 * when it ends. A client that lets more than `bufferBytes` wait unsent is cut off, as the WebSocket
 * stream cuts a slow consumer: it costs its buffer, never more, and resumes with Last-Event-ID.
 */
async function send(reply: FastifyReply, response: Response, bufferBytes: number): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void raw.end();
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  raw.once('close', () => body.destroy());
  // SSE events must reach the client as they are written, not when a buffer fills.
  raw.flushHeaders();
  await new Promise<void>((resolve) => {
    body.on('data', (chunk: Buffer) => {
      if (raw.writableLength + chunk.length > bufferBytes) return void raw.destroy();
      raw.write(chunk);
    });
    body.once('end', () => raw.end());
    body.once('close', resolve);
    body.once('error', resolve);
  });
}

/** The client's notifications/cancelled in a POST body (one message or a batch). */
const cancellationsIn = (body: unknown): JSONRPCMessage[] =>
  (Array.isArray(body) ? body : [body]).filter(
    (message): message is JSONRPCMessage => (message as { method?: unknown })?.method === 'notifications/cancelled',
  );

type Guard = {
  onRequest: onRequestHookHandler;
  preHandler: preHandlerHookHandler[];
  errorHandler: (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown;
};

/**
 * /mcp with sessions: an `initialize` POST opens one (its id comes back in
 * `Mcp-Session-Id`); every later request names it and must come from the
 * same user. POSTs are answered as JSON, or as SSE streams (each event with an
 * id) when the call may send notifications,
 * `GET` opens the session's server-to-client stream, `Last-Event-ID` on it
 * replays what the client missed, `DELETE` ends the session.
 */
export function addSessionRoutes(
  app: FastifyInstance,
  sessions: McpSessions,
  guard: Guard,
  { sendBufferBytes }: { sendBufferBytes: number },
) {
  /** The session a request names, or the transport's own error answer. */
  async function sessionOf(request: FastifyRequest, reply: FastifyReply): Promise<LocalSession | undefined> {
    const id = request.headers['mcp-session-id'];
    if (typeof id !== 'string' || !id) {
      await jsonRpcError(reply, 400, -32000, 'Bad Request: Mcp-Session-Id header is required (initialize first)');
      return undefined;
    }
    const session = await sessions.find(id, ownerOf(request)).catch(() => null);
    if (session === null) {
      await storeUnavailable(reply);
      return undefined;
    }
    if (!session) await jsonRpcError(reply, 404, SESSION_NOT_FOUND, 'Session not found (it expired or was ended)');
    return session;
  }

  app.post(
    '/mcp',
    {
      ...guard,
      schema: {
        tags: ['mcp'],
        summary: 'MCP Streamable HTTP endpoint (JSON-RPC; sessions, SSE responses)',
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      let session: LocalSession | undefined;
      if (isInitializeRequest(request.body)) {
        // A client that names its session has one: initializing again would leave it behind (the SDK's own transport
        // refuses a second initialize too). After a 404 a client initializes without the header.
        if (request.headers['mcp-session-id'] !== undefined)
          return jsonRpcError(
            reply,
            400,
            -32600,
            'Invalid Request: initialize opens a session; send it without Mcp-Session-Id',
          );
        const opened = await sessions.open(ownerOf(request), request.body.params.protocolVersion).catch(() => null);
        if (opened === null) return storeUnavailable(reply);
        if (!opened) return jsonRpcError(retryLater(reply), 503, -32000, 'no room for another session on this server');
        session = opened;
      } else {
        session = await sessionOf(request, reply);
        if (!session) return reply;
      }
      const answerer = isInitializeRequest(request.body) ? session.transport : session.answererOf(request.body);
      const response = await answerer.handleRequest(webRequest(request), {
        parsedBody: request.body,
        authInfo: authInfoOf(request),
      });
      if (response.status === 202) {
        session.shareNotifications(request.body);
        sessions.relayCancellations(session.id, cancellationsIn(request.body));
      }
      await send(reply, response, sendBufferBytes);
    },
  );
  const documented = { tags: ['mcp'], security: [{ bearer: [] }] };
  app.get(
    '/mcp',
    {
      ...guard,
      schema: {
        ...documented,
        summary: "The session's server-to-client SSE stream (Mcp-Session-Id; Last-Event-ID replays what was missed)",
      },
    },
    async (request, reply) => {
      const session = await sessionOf(request, reply);
      if (!session) return reply;
      const response = await session.transport.handleRequest(webRequest(request), { authInfo: authInfoOf(request) });
      // The session's notifications go out from the node that holds its stream.
      const resuming = request.headers['last-event-id'] !== undefined;
      const release = response.ok && response.body ? session.hold(resuming) : undefined;
      // The token was checked when the stream opened; it is cut when the token stops verifying, as every other
      // request then is refused (the client reconnects with a fresh token and Last-Event-ID).
      const expiresAt = tokenExpiry(request);
      const expiry =
        expiresAt === undefined
          ? undefined
          : setTimeout(() => reply.raw.destroy(), Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - Date.now())));
      try {
        await send(reply, response, sendBufferBytes);
      } finally {
        clearTimeout(expiry);
        release?.();
      }
    },
  );
  app.delete(
    '/mcp',
    { ...guard, schema: { ...documented, summary: 'Ends the session named by Mcp-Session-Id' } },
    async (request, reply) => {
      const session = await sessionOf(request, reply);
      if (!session) return reply;
      await send(
        reply,
        await session.transport.handleRequest(webRequest(request), { authInfo: authInfoOf(request) }),
        sendBufferBytes,
      );
    },
  );
}
