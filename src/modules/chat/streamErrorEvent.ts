import type { FastifyBaseLogger } from 'fastify';
import { DomainError } from '../../core/domainErrors.ts';
import { statusOf } from '../../core/http/domainStatus.ts';

/** The `error` event that ends a chat stream. */
export interface StreamErrorEvent {
  code: string;
  message: string;
  status: number;
}

/**
 * A failure once the stream has begun (the status line is already sent), as its last event: a
 * domain error keeps the code, message and status the JSON reply would have answered with;
 * anything else is an internal error, described only in the log.
 */
export function streamErrorEvent(err: unknown, log: Pick<FastifyBaseLogger, 'error'>): StreamErrorEvent {
  if (err instanceof DomainError) return { code: err.code, message: err.message, status: statusOf(err) };
  log.error({ err }, 'chat stream failed');
  return { code: 'internal_error', message: 'internal server error', status: 500 };
}
