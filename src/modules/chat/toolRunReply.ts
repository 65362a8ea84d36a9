import type { FastifyReply } from 'fastify';
import { errorBody } from '../../core/http/errors.ts';
import type { ToolOutcome } from '../tools/index.ts';

/** A direct tool run as HTTP: the result, or the registry's failure with its status (and Retry-After when rate limited). */
export function toolRunReply(reply: FastifyReply, toolName: string, outcome: ToolOutcome) {
  if (outcome.ok) return { tool_name: toolName, result: outcome.result, duration_ms: outcome.duration_ms };
  const retryAfter = outcome.error.details?.retry_after_seconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.status(outcome.status).send(errorBody(outcome.error.code, outcome.error.message, outcome.error.field));
}
