import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** How drizzle's DrizzleQueryError message starts, the statement and its parameters after it. */
const FAILED_QUERY = 'Failed query: ';

/** drizzle's DrizzleQueryError, recognised by its shape: importing drizzle here would load it in every command. */
const isFailedQuery = (err: unknown): err is Error & { query: string; params: unknown[] } =>
  err instanceof Error && 'query' in err && 'params' in err && err.message.startsWith(FAILED_QUERY);

/** A failed query as a log line tells it: what the database said, not the statement or its parameters. */
const failedQueryText = (err: Error) =>
  `query failed: ${err.cause instanceof Error ? err.cause.message : 'no reason given'}`;

/**
 * What a log line says of an error, for lines that log its text: a failed query's error (drizzle's) carries the
 * statement and its parameters in its message, and the parameters are user data (a chat message, a token's
 * subject), so it says what the database said instead.
 */
export const errorText = (err: unknown): string =>
  isFailedQuery(err) ? failedQueryText(err) : err instanceof Error ? err.message : String(err);

/** An error as a log line holds it (`err`, `error`): a failed query as errorText says, with its SQLSTATE and stack. */
function serializeError(err: unknown): unknown {
  if (!isFailedQuery(err)) return pino.stdSerializers.err(err as Error);
  const message = failedQueryText(err);
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  // The stack starts with the name and the message (statement and parameters): only the calls after it are kept.
  const head = `${err.name}: ${err.message}`;
  const calls = err.stack?.startsWith(head) ? err.stack.slice(head.length) : '';
  // drizzle leaves `name` as Error's.
  const type = 'DrizzleQueryError';
  return { type, message, ...(code !== undefined && { code }), stack: `${type}: ${message}${calls}` };
}

/**
 * The last guard, for a line that logged a failed query's text itself (`err.message` in a field): its statement and
 * parameters are left out, which also leaves out the database's reason (errorText keeps it).
 */
function withoutQueryText(fields: Record<string, unknown>): Record<string, unknown> {
  // Every line passes here (an access line per request): a scan that allocates nothing unless it finds one.
  let clean = fields;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value === 'string' && value.startsWith(FAILED_QUERY)) {
      if (clean === fields) clean = { ...fields };
      clean[key] = 'query failed (its statement and parameters are not logged)';
    }
  }
  return clean;
}

const serializers = { err: serializeError, error: serializeError };
const formatters = { log: withoutQueryText };

/** How `text` lines look; colours only where a person reads them. */
const prettyOptions = (colorize: boolean) => ({ colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });

/** pino-pretty, loaded when a text log is written to a stream: a JSON log (the default) does without its 14 ms. */
const loadPretty = () =>
  createRequire(import.meta.url)('pino-pretty') as (
    options: ReturnType<typeof prettyOptions> & { destination: NodeJS.WritableStream },
  ) => pino.DestinationStream;

/**
 * One pino logger for the process, on stdout or on `destination` (the CLI's stderr); `text` pretty-prints for
 * humans, `json` is for log shippers.
 */
export function createLogger(
  config: Pick<Config, 'LOGGING_FORMAT' | 'LOG_LEVEL'>,
  destination?: NodeJS.WritableStream,
): Logger {
  const options = { level: config.LOG_LEVEL, serializers, formatters };
  if (config.LOGGING_FORMAT === 'text') {
    if (!destination)
      return pino({ ...options, transport: { target: 'pino-pretty', options: prettyOptions(process.stdout.isTTY) } });
    // Formatted in this thread: a transport's worker writes to a file descriptor, not to a stream it is given.
    const colorize = (destination as { isTTY?: boolean }).isTTY === true;
    return pino(options, loadPretty()({ ...prettyOptions(colorize), destination }));
  }
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
