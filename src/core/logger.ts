import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** One pino logger for the process; `text` pretty-prints for humans, `json` is for log shippers. */
export function createLogger(
  config: Pick<Config, 'LOGGING_FORMAT' | 'LOG_LEVEL'>,
  destination?: NodeJS.WritableStream,
): Logger {
  if (config.LOGGING_FORMAT === 'text' && !destination) {
    return pino({
      level: config.LOG_LEVEL,
      transport: {
        target: 'pino-pretty',
        options: { colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return destination
    ? pino({ level: config.LOG_LEVEL }, destination as pino.DestinationStream)
    : pino({ level: config.LOG_LEVEL });
}
