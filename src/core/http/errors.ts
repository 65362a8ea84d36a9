import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

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

/** A deliberate HTTP error from a route or service. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly field?: string;
  constructor(statusCode: number, code: string, message: string, field?: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.field = field;
  }
}

export const badRequest = (field: string, message: string) => new HttpError(400, 'invalid_parameter', `${field}: ${message}`, field);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: { code, message, ...(field !== undefined && { field }) } };
}

export function errorHandler(err: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof HttpError) {
    return reply.status(err.statusCode).send(errorBody(err.code, err.message, err.field));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || String((first.params as { issue?: { path?: unknown[] } })?.issue?.path?.[0] ?? err.validationContext ?? 'body');
    const messages = err.validation.map((v) => `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext}: ${v.message}`);
    return reply.status(400).send(errorBody('invalid_parameter', messages.join('; '), field));
  }
  const status = err.statusCode ?? 500;
  // Plugins that build their own error (the rate limiter) already use our body shape.
  const prebuilt = errorBodySchema.safeParse(err);
  if (prebuilt.success && status < 500) return reply.status(status).send(prebuilt.data);
  if (status >= 500) {
    request.log.error({ err }, 'request failed');
    return reply.status(500).send(errorBody('internal_error', 'internal server error'));
  }
  // Fastify's own client errors (bad JSON body, wrong content type, body too large…).
  return reply.status(status).send(errorBody(err.code?.toLowerCase() ?? 'bad_request', err.message));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(errorBody('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`));
}
