import { UnavailableError } from './domainErrors.ts';

/**
 * Recognises an error that means "a backing service is unreachable or too
 * slow", as opposed to a bug or a bad request, so the HTTP layer can answer
 * 503 with a reason instead of 500. Only the driver's own signals are read
 * (SQLSTATE codes, error classes, the fixed messages of pg, ioredis and
 * rabbitmq-client), never the statement or the data, and the whole cause
 * chain is searched because drizzle wraps the driver's error.
 */
export type Dependency = 'database' | 'cache' | 'bus';

/** SQLSTATEs of a server that is going away, refusing connections or cancelling a statement at its deadline. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|57014|53300)$/;

const DATABASE_MESSAGES = [
  /^Connection terminated/, // pg: the socket closed (unexpectedly, or by the connection deadline)
  /^Query read timeout$/, // pg: query_timeout
  /^timeout expired$/, // pg: connectionTimeoutMillis of a client outside the pool
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection within connectionTimeoutMillis
  /is not queryable$/, // pg: a client whose connection already failed
];

const CACHE_MESSAGES = [
  /^Command timed out$/, // ioredis: commandTimeout
  /^Connection is closed\.$/,
  /enableOfflineQueue options is false$/, // ioredis while (re)connecting
  /^Reached the max retries per request limit/,
];

const BUS_ERRORS = new Set(['AMQPConnectionError']);
/** rabbitmq-client: no connection within acquireTimeout (its message says "aquisition"). */
const BUS_TIMEOUT = /timed out/;

/**
 * Socket failures carry nothing but Node's code, whichever client met them
 * (pg, but also fetch or any other): they mean the database only when the
 * database client raised them.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Errors the PostgreSQL client rejected a connection or a query with (src/core/db/postgresClient.ts marks them). */
const raisedByDatabaseClient = new WeakSet<object>();

/** Marks an error as raised by the PostgreSQL client, and returns it. */
export function markRaisedByDatabaseClient<E>(err: E): E {
  if (typeof err === 'object' && err !== null) raisedByDatabaseClient.add(err);
  return err;
}

interface DriverError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

function classifyOne(err: DriverError): Dependency | null {
  const message = typeof err.message === 'string' ? err.message : '';
  const code = typeof err.code === 'string' ? err.code : '';
  if (err.name === 'AMQPError' && code === 'TIMEOUT' && BUS_TIMEOUT.test(message)) return 'bus';
  if (typeof err.name === 'string' && BUS_ERRORS.has(err.name)) return 'bus';
  if (CACHE_MESSAGES.some((pattern) => pattern.test(message))) return 'cache';
  if (UNAVAILABLE_SQLSTATE.test(code) || DATABASE_MESSAGES.some((pattern) => pattern.test(message))) return 'database';
  if (SOCKET_CODES.has(code) && raisedByDatabaseClient.has(err)) return 'database';
  return null;
}

/** Which dependency being unavailable caused `err`, or null when it is something else. */
export function unavailableDependency(err: unknown): Dependency | null {
  let current: unknown = err;
  // A short walk: causes are chained by drivers and wrappers, never deeply.
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const found = classifyOne(current as DriverError);
    if (found) return found;
    current = (current as DriverError).cause;
  }
  return null;
}

/**
 * The driver's own error under any wrappers (drizzle's carries the whole SQL
 * statement and its parameters in its message, which must not reach a log line
 * or a client): the innermost cause.
 */
export function rootCause(err: unknown): unknown {
  let current = err;
  for (let depth = 0; depth < 5; depth++) {
    const cause = current !== null && typeof current === 'object' ? (current as DriverError).cause : undefined;
    if (cause === undefined || cause === null) return current;
    current = cause;
  }
  return current;
}

/** Seconds a client is asked to wait before retrying a request a dependency outage failed. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** What a client is told when `dependency` is unavailable, the same on every surface (HTTP routes, tools, chat). */
export function outageAnswer(dependency: Dependency): UnavailableError {
  const message = `the ${dependency} is unavailable; retry after ${OUTAGE_RETRY_AFTER_SECONDS} s`;
  return new UnavailableError(`${dependency}_unavailable`, message, OUTAGE_RETRY_AFTER_SECONDS);
}
