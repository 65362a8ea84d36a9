import type { IncomingHttpHeaders } from 'node:http';
import proxy from '@fastify/http-proxy';
import type { FastifyPluginAsync } from 'fastify';
import { errorBody } from '../../core/http/errors.ts';
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

/**
 * The tool server checks the Host a browser asked for against MCP_ALLOWED_HOSTS (DNS-rebinding protection, as nginx
 * passes it with `proxy_set_header Host $host`): sending the upstream's own address instead would let any name through.
 */
const toolServerReply = {
  ...answerFailure('tool server'),
  rewriteRequestHeaders: (request: { headers: IncomingHttpHeaders }, headers: IncomingHttpHeaders) => ({
    ...headers,
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
      replyOptions: answerFailure('gateway'),
    });
    await app.register(proxy, {
      upstream: upstreams.gateway,
      prefix: '/ws',
      rewritePrefix: '/ws',
      websocket: true,
      undici,
      replyOptions: answerFailure('gateway'),
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
      replyOptions: answerFailure('arbitrage engine'),
    });
  };
}
