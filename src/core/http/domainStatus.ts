import type { DomainError, DomainErrorKind } from '../domainErrors.ts';

/**
 * The HTTP status of each kind of domain error. Routes answer with it, and so do the tool registry's
 * failures (REST /execute answers with their status) and the chat stream's `error` event: one table,
 * so a kind of failure has the same status on every surface.
 */
const STATUS: Record<DomainErrorKind, number> = {
  invalid_argument: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  upstream: 502,
  unavailable: 503,
  timed_out: 504,
};

export const statusOf = (err: DomainError): number => STATUS[err.kind];
