import { constants as zlibConstants } from 'node:zlib';
import Fastify, { LogController } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { clientErrorHandler } from './clientErrors.ts';
import type { Auth } from '../auth/auth.ts';
import { authentication } from './authentication.ts';
import { globalRateLimit } from './rateLimit.ts';
import { requestId, requestLog } from './requestLog.ts';
import { shedLoadUnderPressure } from './pressure.ts';
import { inputGuard } from './inputGuard.ts';
import { refusedBodies } from './refusedBody.ts';
import { refuseEncodedBodies } from './contentEncoding.ts';
import { destroyUnfinishedRequestsOnClose, requestDeadlineOptions } from './requestDeadline.ts';

export interface HttpAppOptions {
  title: string;
  description: string;
  /** Apply the global per-client rate limit (GLOBAL_LIMIT_*). */
  rateLimit?: boolean;
  /** Who verifies bearer tokens; default the platform's own (ctx.auth). */
  auth?: Auth;
}

/** Responses smaller than this go out uncompressed. */
const COMPRESS_FROM_BYTES = 32 * 1024;

/** Bodies worth compressing: JSON and text, never server-sent events (compression would hold deltas back). */
const COMPRESSIBLE = /^(?:application\/json|text\/(?:html|css|plain|javascript)|application\/javascript)\b/;

/**
 * The Fastify setup every AlphaNest HTTP service shares: zod validation with
 * field-naming 400s, one JSON error shape, bearer-token authentication,
 * the global rate limit, CORS, request ids and one access line per request,
 * load shedding, compression, Prometheus request metrics and OpenAPI at /docs.
 */
export async function createHttpApp(ctx: AppContext, options: HttpAppOptions) {
  const requestTimeoutMs = ctx.config.REQUEST_TIMEOUT_SECONDS * 1000;
  const app = Fastify({
    loggerInstance: ctx.logger,
    // Fastify's own two lines per request are replaced by one access line (requestLog.ts).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    // Who may set the client address with X-Forwarded-For: nobody unless TRUST_PROXY says so, or every per-IP limit could be dodged.
    trustProxy: ctx.config.trustProxy,
    genReqId: requestId,
    bodyLimit: 1024 * 1024,
    // A request (line, headers and body) arrives within REQUEST_TIMEOUT_SECONDS or is answered 408: Fastify's default
    // is no deadline at all, and a client sending `Content-Length: 1000` then one byte held its connection forever.
    requestTimeout: requestTimeoutMs,
    http: requestDeadlineOptions(requestTimeoutMs),
    // The router's own refusals (undecodable path, over-long parameter) in the platform's error shape too,
    // and those of Node's HTTP parser (headers too large, a malformed request).
    frameworkErrors: errorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await app.register(destroyUnfinishedRequestsOnClose);
  await app.register(inputGuard);
  await app.register(refusedBodies);
  await app.register(refuseEncodedBodies);

  await app.register(requestLog, { metrics: ctx.metrics });
  app.addHook('onResponse', (request, _reply, done) => {
    // A request Node handed over as an upgrade (a WebSocket handshake, refused or sent to a REST route) has a socket
    // the HTTP server no longer tracks: close it, or it lingers and holds shutdown. Accepted upgrades are hijacked and never get here.
    // (Node marks such a request with `upgrade`, untyped in @types/node; a plain Upgrade header on a server without
    // an upgrade listener, like the tool server, stays an ordinary keep-alive request.)
    if ((request.raw as { upgrade?: boolean }).upgrade) request.raw.socket.destroy();
    done();
  });
  await app.register(shedLoadUnderPressure, { maxEventLoopDelayMs: ctx.config.OVERLOAD_EVENT_LOOP_DELAY_MS });
  // Credentials only to origins named in CORS_ORIGINS: `*` with credentials would let any site act as a signed-in user.
  await app.register(cors, {
    origin: ctx.config.corsOrigins,
    credentials: ctx.config.corsOrigins !== true,
    // Every method a route takes: the plugin's default leaves out DELETE (a chat conversation's).
    methods: ['GET', 'HEAD', 'POST', 'DELETE'],
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  // Only large bodies (full pages, the OpenAPI document): compressing every cached 12 KB page would cost more CPU
  // than the feed itself; behind nginx, let nginx compress. Request bodies are never decompressed.
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: COMPRESS_FROM_BYTES,
    customTypes: COMPRESSIBLE,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: options.title, description: options.description, version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // Security headers where a browser renders HTML, the API docs, in their own context so JSON routes skip the hook;
  // the UI sets its own CSP (it knows its scripts and styles).
  await app.register(async (docs) => {
    await docs.register(helmet, { global: true, contentSecurityPolicy: false });
    await docs.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  });
  await app.register(authentication, { auth: options.auth ?? ctx.auth });
  if (options.rateLimit) await app.register(globalRateLimit, { ctx });
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof createHttpApp>>;
