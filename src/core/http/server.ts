import Fastify, { LogController } from 'fastify';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { authentication } from './authentication.ts';
import { globalRateLimit } from './rateLimit.ts';
import { inputGuard } from './inputGuard.ts';

export interface HttpAppOptions {
  title: string;
  description: string;
  /** Apply the global per-client rate limit (GLOBAL_LIMIT_*). */
  rateLimit?: boolean;
}

/**
 * The Fastify setup every AlphaNest HTTP service shares: zod validation with
 * field-naming 400s, one JSON error shape, bearer-token authentication,
 * the global rate limit, CORS, Prometheus request metrics and OpenAPI at /docs.
 */
export async function createHttpApp(ctx: AppContext, options: HttpAppOptions) {
  const app = Fastify({
    loggerInstance: ctx.logger,
    // Per-request lines only when debugging: at volume they drown everything else.
    logController: new LogController({ disableRequestLogging: ctx.config.LOG_LEVEL !== 'debug' && ctx.config.LOG_LEVEL !== 'trace' }),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await app.register(inputGuard);

  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    ctx.metrics.httpRequests.inc(labels);
    ctx.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  await app.register(cors, { origin: ctx.config.corsOrigins, credentials: true });
  await app.register(swagger, {
    openapi: {
      info: { title: options.title, description: options.description, version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authentication, { auth: ctx.auth });
  if (options.rateLimit) await app.register(globalRateLimit, { ctx });
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof createHttpApp>>;
