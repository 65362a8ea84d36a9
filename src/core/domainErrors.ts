/**
 * What services and tool handlers throw when a request cannot be answered, in words the caller can
 * act on. They know nothing of HTTP: each edge maps them once (docs/architecture.md#errors).
 * `code` is the stable, machine-readable name clients branch on; `field`, when there is one, names
 * the input at fault, and the message then starts with it (`since: must be before until`).
 */
export abstract class DomainError extends Error {
  /** What kind of failure this is: what an edge maps to a status. */
  abstract readonly kind: DomainErrorKind;
  readonly code: string;
  readonly field?: string;
  /** The message without the field before it, for an answer that names the field apart (a tool's `details.issues`). */
  readonly reason: string;

  protected constructor(code: string, message: string, field?: string) {
    super(field === undefined ? message : `${field}: ${message}`);
    this.name = new.target.name;
    this.code = code;
    this.field = field;
    this.reason = message;
  }
}

export type DomainErrorKind =
  | 'invalid_argument'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'upstream'
  | 'unavailable'
  | 'timed_out';

/** The caller's input breaks a rule its schema cannot express (a range, a combination, a reference). */
export class InvalidArgumentError extends DomainError {
  readonly kind = 'invalid_argument';
  constructor(message: string, { field }: { field: string }) {
    super('invalid_parameter', message, field);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  constructor(message: string, { field }: { field?: string } = {}) {
    super('forbidden', message, field);
  }
}

/** What the caller names does not exist (or not for them). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(message: string, { field }: { field?: string } = {}) {
    super('not_found', message, field);
  }
}

/** The request contradicts what is stored (a name taken, an id reused with other content). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string, { field }: { field: string }) {
    super('conflict', message, field);
  }
}

/**
 * An outside provider the answer depends on (market data, the language model) failed or answered
 * nothing usable. The message is written for clients; what the provider said belongs in the log.
 */
export class UpstreamError extends DomainError {
  readonly kind = 'upstream';
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/**
 * One of the platform's own dependencies (database, cache, bus) is unreachable or too slow: the
 * outage answer of src/core/dependencyErrors.ts, which says when to retry.
 */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';
  readonly retryAfterSeconds: number;
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(code, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The work did not finish within the time the platform gives it. */
export class TimedOutError extends DomainError {
  readonly kind = 'timed_out';
  constructor(code: string, message: string) {
    super(code, message);
  }
}
