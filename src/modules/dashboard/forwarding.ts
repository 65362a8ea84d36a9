import type { IncomingHttpHeaders } from 'node:http';
import proxy from '@fastify/http-proxy';
import type { FastifyPluginAsync } from 'fastify';
import { errorBody } from '../../core/http/errors.ts';
import { fromLoopback } from '../../core/http/loopback.ts';
import { type PageHandler, TOOLS_PAGE, wantsHtml } from './pages.ts';
import type { Upstreams } from './upstreams.ts';

/** An answer must start within this; a chat stream may then go quiet this long between events (as nginx allows). */
const HEADERS_TIMEOUT_MS = 30_000;
const BODY_TIMEOUT_MS = 120_000;

const undici = { headersTimeout: HEADERS_TIMEOUT_MS, bodyTimeout: BODY_TIMEOUT_MS, connectTimeout: 5_000 };

/** A service that is down or too slow is the platform's 502 or 504 naming it, never a 500. */
const answerFailure = (service: string) => ({
  onError(
    reply: { status(code: number): { send(body: unknown): unknown } },
    { error }: { error: Error & { code?: string } },
  ) {
    const timedOut = /timeout/i.test(`${error.code ?? ''} ${error.name}`);
    reply
      .status(timedOut ? 504 : 502)
      .send(
        errorBody(
          timedOut ? 'upstream_timeout' : 'upstream_unavailable',
          `the ${service} ${timedOut ? 'did not answer in time' : `could not be reached (${error.code ?? error.message})`}`,
        ),
      );
  },
});

/** Headers that say who the client is or how it came in: a caller's own are never passed on. */
const FORWARDING_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'forwarded',
  'x-real-ip',
];

/** What the forwarding reads of a request (Fastify's, of whatever server type the proxy plugin names). */
type ClientRequest = Parameters<typeof fromLoopback>[0] & { ip: string; protocol: string; host: string };

/**
 * Who the client is, for the upstreams' per-client limits and their dev-mode rule, as nginx tells them with
 * `X-Forwarded-For`: the address this dashboard resolved (request.ip, which follows TRUST_PROXY as on every
 * component), with the scheme and host it was asked for. Whatever the caller sent under those names is dropped, so
 * one hop in front of an upstream that trusts the dashboard (TRUST_PROXY=1 or loopback) names the real client.
 * Only a caller the dashboard itself sees as this machine (loopback peer, no proxy header) goes on without them: for
 * the upstream it is then the local caller it is, and the tool server's dev-mode token-free calls work from a
 * browser on this machine. Anyone else's request carries X-Forwarded-For and is never a local caller upstream.
 */
function forwardingHeaders(request: ClientRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const rest = { ...headers };
  for (const name of FORWARDING_HEADERS) delete rest[name];
  if (fromLoopback(request)) return rest;
  return {
    ...rest,
    'x-forwarded-for': request.ip,
    'x-forwarded-proto': request.protocol,
    'x-forwarded-host': request.host,
  };
}

const forwardClient = {
  rewriteRequestHeaders: (request: ClientRequest, headers: IncomingHttpHeaders) => forwardingHeaders(request, headers),
};

/**
 * The stream's upgrade names the client too (the plugin passes on only the cookie by default). The plugin reads
 * `rewriteRequestHeaders` here though its types do not list it; `headers` (ws's own option) makes the object one.
 */
const wsClientOptions = {
  headers: {},
  rewriteRequestHeaders: (headers: IncomingHttpHeaders, request: ClientRequest) =>
    forwardingHeaders(request, {
      ...headers,
      ...(request.headers.cookie === undefined ? {} : { cookie: request.headers.cookie }),
    }),
};

/**
 * The tool server checks the Host a browser asked for against MCP_ALLOWED_HOSTS (DNS-rebinding protection, as nginx
 * passes it with `proxy_set_header Host $host`): sending the upstream's own address instead would let any name through.
 */
const toolServerReply = {
  ...answerFailure('tool server'),
  rewriteRequestHeaders: (request: ClientRequest, headers: IncomingHttpHeaders) => ({
    ...forwardingHeaders(request, headers),
    host: request.headers.host ?? headers.host,
  }),
};

/**
 * The paths the pages call, forwarded as nginx forwards them in the deployment (deploy/nginx/snippets), so the
 * browser talks to one origin: /api and the /ws stream to the gateway, the REST tools to the tool server,
 * /opportunities to the arbitrage engine. Bodies pass through untouched (no parsing here). A browser navigating to
 * /tools gets the tools page instead of the tool server's JSON listing.
 */
export function forwardingRoutes(upstreams: Upstreams, toolsPage: PageHandler): FastifyPluginAsync {
  return async (app) => {
    await app.register(proxy, {
      upstream: upstreams.gateway,
      prefix: '/api',
      rewritePrefix: '/api',
      undici,
      replyOptions: { ...answerFailure('gateway'), ...forwardClient },
    });
    await app.register(proxy, {
      upstream: upstreams.gateway,
      prefix: '/ws',
      rewritePrefix: '/ws',
      websocket: true,
      wsClientOptions,
      undici,
      replyOptions: { ...answerFailure('gateway'), ...forwardClient },
    });
    await app.register(proxy, {
      upstream: upstreams.tools,
      prefix: TOOLS_PAGE,
      rewritePrefix: TOOLS_PAGE,
      undici,
      replyOptions: toolServerReply,
      preHandler: async (request, reply) => {
        if (request.method === 'GET' && request.url === TOOLS_PAGE && wantsHtml(request))
          await toolsPage(request, reply);
      },
    });
    for (const path of ['/execute', '/introspect'])
      await app.register(proxy, {
        upstream: upstreams.tools,
        prefix: path,
        rewritePrefix: path,
        undici,
        replyOptions: toolServerReply,
      });
    await app.register(proxy, {
      upstream: upstreams.arbitrage,
      prefix: '/opportunities',
      rewritePrefix: '/opportunities',
      undici,
      replyOptions: { ...answerFailure('arbitrage engine'), ...forwardClient },
    });
  };
}
