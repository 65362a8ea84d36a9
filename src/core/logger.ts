import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/**
 * An error as a log line holds it. A failed query's error (drizzle's) carries the statement and its parameters,
 * in its message and its fields: the parameters are user data (a chat message, a token's subject), so the line
 * gets what the database said instead, with the stack of the call that sent the query.
 */
function serializeError(err: unknown): unknown {
  if (!isFailedQuery(err)) return pino.stdSerializers.err(err as Error);
  const said = err.cause instanceof Error ? err.cause.message : 'no reason given';
  const message = `query failed: ${said}`;
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  const calls = err.stack?.split('\n').filter((line) => /^\s+at /.test(line)) ?? [];
  // drizzle leaves `name` as Error's.
  const type = 'DrizzleQueryError';
  return { type, message, ...(code !== undefined && { code }), stack: [`${type}: ${message}`, ...calls].join('\n') };
}

/** drizzle's DrizzleQueryError, recognised by its shape: importing drizzle here would load it in every command. */
const isFailedQuery = (err: unknown): err is Error & { query: string; params: unknown[] } =>
  err instanceof Error && 'query' in err && 'params' in err && err.message.startsWith('Failed query: ');

const serializers = { err: serializeError, error: serializeError };

/** One pino logger for the process; `text` pretty-prints for humans, `json` is for log shippers. */
export function createLogger(
  config: Pick<Config, 'LOGGING_FORMAT' | 'LOG_LEVEL'>,
  destination?: NodeJS.WritableStream,
): Logger {
  if (config.LOGGING_FORMAT === 'text' && !destination) {
    return pino({
      level: config.LOG_LEVEL,
      serializers,
      transport: {
        target: 'pino-pretty',
        options: { colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return destination
    ? pino({ level: config.LOG_LEVEL, serializers }, destination as pino.DestinationStream)
    : pino({ level: config.LOG_LEVEL, serializers });
}
