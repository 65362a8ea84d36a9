import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startupFailureLine } from './startupFailure.ts';

/** Reads `.env` in the working directory into the environment; real environment variables win. */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** The configuration from the environment; on an invalid one prints one line per problem and exits with status 2. */
export function configFromEnvironment(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`alphanest: ${err.message}\n`);
    process.exit(2);
  }
}

/**
 * For a failed start: a known cause (port taken, database unreachable, bad key
 * file, DATA_DIR in use) is one line and exit status 2; anything else is a bug
 * and is rethrown to be printed in full.
 */
export function exitOnStartupFailure(err: unknown): never {
  const line = startupFailureLine(err);
  if (line === null) throw err;
  process.stderr.write(`alphanest: ${line}\n`);
  process.exit(2);
}
