import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outageAnswer, rootCause, unavailableDependency } from '../dependencyErrors.ts';
import { DomainError, UnavailableError } from '../domainErrors.ts';
import { createLogThrottle, type LogThrottle } from '../logThrottle.ts';
import { clientErrorCode, isUnreadableBody } from './clientErrorCodes.ts';
import { statusOf } from './domainStatus.ts';

/**
 * Every error a client sees has this shape. `field` names the offending
 * parameter when there is one, so a client can fix its request without
 * reading server logs; stack traces never leave the process.
 */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: { code, message, ...(field !== undefined && { field }) } };
}

/** One throttle per app: identical error lines (same route, status, code…) at most once per 10 s. */
const throttles = new WeakMap<object, LogThrottle>();

function logThrottled(
  request: FastifyRequest,
  level: 'warn' | 'error',
  key: string,
  fields: Record<string, unknown>,
  message: string,
) {
  let throttle = throttles.get(request.server);
  if (!throttle) {
    throttle = createLogThrottle();
    throttles.set(request.server, throttle);
  }
  const admitted = throttle.admit(key);
  if (admitted)
    request.log[level]({ ...fields, ...(admitted.suppressed > 0 && { suppressed: admitted.suppressed }) }, message);
}

/** A client error: one line naming what was wrong, never the statement or a stack. */
function sendClientError(request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorBody) {
  const route = request.routeOptions.url ?? 'unmatched';
  const { code, field } = body.error;
  logThrottled(
    request,
    'warn',
    `${status} ${request.method} ${route} ${code} ${field ?? ''}`,
    { route, status, code, ...(field !== undefined && { field }) },
    'client error',
  );
  return reply.status(status).send(body);
}

/** What a server error log line says about the error: the driver's message and code, not a wrapper's SQL text. */
function describe(err: unknown) {
  const cause = rootCause(err) as { name?: string; message?: string; code?: unknown; stack?: string };
  return {
    type: cause.name,
    message: cause.message,
    ...(cause.code !== undefined && { code: cause.code }),
    stack: cause.stack,
  };
}

/**
 * What a service threw on purpose, as HTTP: its kind's status and its code, message and field;
 * an outage says when to retry. A 5xx here is logged by whoever threw it, if it needs to be.
 */
function sendDomainError(request: FastifyRequest, reply: FastifyReply, err: DomainError) {
  const status = statusOf(err);
  const body = errorBody(err.code, err.message, err.field);
  if (status < 500) return sendClientError(request, reply, status, body);
  if (err instanceof UnavailableError) reply.header('retry-after', String(err.retryAfterSeconds));
  return reply.status(status).send(body);
}

function sendServerError(request: FastifyRequest, reply: FastifyReply, err: unknown) {
  const route = request.routeOptions.url ?? 'unmatched';
  const dependency = unavailableDependency(err);
  const { stack, ...cause } = describe(err);
  if (dependency) {
    const outage = outageAnswer(dependency);
    const fields = { route, status: 503, code: outage.code, cause };
    logThrottled(request, 'warn', `503 ${route} ${outage.code} ${cause.message}`, fields, `${dependency} unavailable`);
    return sendDomainError(request, reply, outage);
  }
  logThrottled(
    request,
    'error',
    `500 ${route} ${cause.message}`,
    { route, status: 500, err: { ...cause, stack } },
    'request failed',
  );
  return reply.status(500).send(errorBody('internal_error', 'internal server error'));
}

/**
 * A query parameter that takes one value but came several times (`size=1&size=2`) reaches its schema as an
 * array, whose complaint ("expected number, received NaN") hides the mistake: say what it is instead.
 * Lists take arrays, so only a type refusal of an array means this.
 */
function repeatedParameter(
  request: FastifyRequest,
  context: string | undefined,
  path: string | undefined,
  keyword: string,
) {
  if (context !== 'querystring' || path === undefined || keyword !== 'invalid_type') return null;
  const value = (request.query as Record<string, unknown> | undefined)?.[path];
  return Array.isArray(value) ? `given ${value.length} times; give one value` : null;
}

export function errorHandler(err: FastifyError | DomainError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) return sendDomainError(request, reply, err);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const [first] = err.validation;
    const field =
      first?.instancePath.replace(/^\//, '').replace(/\//g, '.') ||
      String((first?.params as { issue?: { path?: unknown[] } })?.issue?.path?.[0] ?? err.validationContext ?? 'body');
    const messages = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext;
      return `${path}: ${repeatedParameter(request, err.validationContext, path, v.keyword) ?? v.message}`;
    });
    return sendClientError(request, reply, 400, errorBody('invalid_parameter', messages.join('; '), field));
  }
  const status = err.statusCode ?? 500;
  // Plugins that build their own error (the rate limiter) already use our body shape.
  const prebuilt = errorBodySchema.safeParse(err);
  if (prebuilt.success && status < 500) return sendClientError(request, reply, status, prebuilt.data);
  if (status >= 500) return sendServerError(request, reply, err);
  // Fastify's own client errors and plugins' (bad JSON body, wrong content type, body too large…) under the
  // platform's code for their status: never Fastify's internal one (`FST_ERR_CTP_INVALID_JSON_BODY`), which
  // names its content-type parser and could change with it.
  const code = isUnreadableBody(err) ? 'invalid_json' : clientErrorCode(status);
  return sendClientError(request, reply, status, errorBody(code, err.message));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(errorBody('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`));
}
