import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../core/config.ts';
import { NotFoundError } from '../../core/domainErrors.ts';
import { errorBodySchema } from '../../core/http/errors.ts';
import { onlyKnownParameters } from '../../core/http/knownParameters.ts';
import { requireCaller } from './callerGate.ts';
import { originGuard } from './originGuard.ts';
import type { ToolRegistry } from './registry.ts';
import { domainViews, domainViewSchema, introspection, toolIntrospectionSchema } from './views.ts';

/** A field it does not name is refused ("arguments" for "parameters" would otherwise run the tool with none). */
const executeBody = onlyKnownParameters(
  {
    tool_name: z.string().min(1).max(100).describe('domain.action, e.g. shop.generate_theme'),
    parameters: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('the tool’s parameters, as its input schema describes'),
  },
  'field',
);

const failureSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const executeReply = z
  .object({
    tool_name: z.string(),
    result: z.record(z.string(), z.unknown()).optional(),
    error: failureSchema.optional(),
    duration_ms: z.number(),
  })
  .meta({ id: 'ToolExecution' });

/** The REST face of the registry: browse tools, read their schemas, run one. */
export function toolRoutes(registry: ToolRegistry, config: Config): FastifyPluginAsyncZod {
  const domains = domainViews(registry);
  const introspected = introspection(registry, config.TOOL_TIMEOUT_MS);
  return async (app) => {
    app.get('/tools', {
      schema: {
        tags: ['tools'],
        summary: 'Every tool, grouped by domain',
        response: { 200: z.object({ count: z.number(), domains: z.array(domainViewSchema) }) },
      },
      handler: async () => ({ count: registry.list().length, domains }),
    });

    app.get('/tools/:domain', {
      schema: {
        tags: ['tools'],
        summary: 'The tools of one domain',
        params: z.object({ domain: z.string() }),
        response: { 200: domainViewSchema, 404: errorBodySchema },
      },
      handler: async (request) => {
        const found = domains.find((d) => d.name === request.params.domain);
        if (!found) {
          const known = domains.map((d) => d.name).join(', ');
          throw new NotFoundError(`no tool domain named ${request.params.domain}; known: ${known}`, {
            field: 'domain',
          });
        }
        return found;
      },
    });

    app.get('/introspect', {
      schema: {
        tags: ['tools'],
        summary: 'Full input and output JSON Schemas, annotations, roles, timeouts and examples',
        response: { 200: z.object({ tools: z.array(toolIntrospectionSchema) }) },
      },
      handler: async () => ({ tools: introspected }),
    });

    app.post('/execute', {
      onRequest: originGuard(config),
      preHandler: requireCaller(config),
      schema: {
        tags: ['tools'],
        summary: 'Run one tool',
        description:
          'Errors keep this shape with `error` instead of `result`, and the HTTP status says what kind (400 invalid_parameters names the field, 401, 403, 404 unknown_tool, 429, 503 `<dependency>_unavailable` with Retry-After, 504 timeout).',
        security: [{ bearer: [] }],
        body: executeBody,
        response: { 200: executeReply, '4xx': z.union([executeReply, errorBodySchema]), '5xx': executeReply },
      },
      handler: async (request, reply) => {
        const { tool_name, parameters } = request.body;
        const controller = new AbortController();
        reply.raw.once('close', () => controller.abort(new Error('the client went away')));
        const outcome = await registry.execute(tool_name, parameters, {
          principal: request.principal,
          signal: controller.signal,
          client: `ip:${request.ip}`,
        });
        if (outcome.ok) return { tool_name, result: outcome.result, duration_ms: outcome.duration_ms };
        // Rate limited, or a dependency unavailable: when to try again.
        const retryAfter = outcome.error.details?.retry_after_seconds;
        if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
        return reply.status(outcome.status).send({ tool_name, error: outcome.error, duration_ms: outcome.duration_ms });
      },
    });
  };
}
