import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';

/**
 * Node's HTTP server options for a request deadline of `ms`: the request line, headers and body must all
 * have arrived within it, or Node refuses the request with `ERR_HTTP_REQUEST_TIMEOUT` (answered 408 in the
 * platform's shape by clientErrors.ts). Fastify's own `requestTimeout` is set beside these (server.ts): it
 * overwrites Node's after creating the server. Only the request's arrival is timed: once it is complete, a
 * response may take as long as it takes (SSE streams), and upgraded sockets (WebSockets) leave the check.
 * Node checks its connections every `connectionsCheckingInterval` (30 s by default, which would let a 30 s
 * deadline run to 60 s): every second here, a walk over the open connections.
 */
export function requestDeadlineOptions(ms: number): ServerOptions {
  return { requestTimeout: ms, headersTimeout: ms, connectionsCheckingInterval: Math.min(1_000, ms) };
}

/** How often a closing server looks again for connections still sending a request. */
const SWEEP_MS = 250;

/** The response a socket is writing now (Node's own bookkeeping, which its closeIdleConnections reads too). */
const responseOn = (socket: Socket) => (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;

/**
 * Whether a socket is worth waiting for when the server closes: it carries a request that arrived whole
 * and whose response is still being written. A socket still receiving its request (headers or body),
 * or idle between requests, is not.
 */
function answering(socket: Socket) {
  const response = responseOn(socket);
  return response?.req.complete === true && !response.writableEnded;
}

/**
 * Closing the server waits for its connections, and Node stops enforcing the request deadline once it is
 * closing: a client that never finishes its request (a `Content-Length: 1000` body that stops after `{`, a
 * header block that never ends) would hold the shutdown until the node's deadline cut it short, and every
 * step after it (other components, stream clients' 1012) with it. So when the server closes, connections
 * still receiving a request are destroyed, then again every 250 ms until it has closed (a client may start
 * one while other preClose work runs). Requests that arrived are answered as usual; WebSockets, which Node
 * hands over on upgrade, are left to their own plugin (the stream closes them with 1012).
 */
export const destroyUnfinishedRequestsOnClose = fp(
  async (app) => {
    const sockets = new Set<Socket>();
    const upgraded = new WeakSet<Socket>();
    app.server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    app.addHook('onRequest', (request, _reply, done) => {
      // A WebSocket handshake reaches Fastify without Node's 'request' event (@fastify/websocket routes it);
      // its socket is the socket's plugin's once accepted.
      if ((request.raw as IncomingMessage & { upgrade?: boolean }).upgrade) upgraded.add(request.raw.socket);
      done();
    });
    let sweeper: NodeJS.Timeout | undefined;
    const sweep = () => {
      for (const socket of sockets) if (!upgraded.has(socket) && !answering(socket)) socket.destroy();
    };
    app.addHook('preClose', (done) => {
      sweep();
      sweeper = setInterval(sweep, SWEEP_MS).unref();
      app.server.once('close', () => clearInterval(sweeper));
      done();
    });
    app.addHook('onClose', (_instance, done) => {
      clearInterval(sweeper);
      done();
    });
  },
  { name: 'destroy-unfinished-requests-on-close' },
);
