import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config.ts';

/**
 * Reads `.env` (real environment variables win) and the configuration; on an
 * invalid configuration prints one line per problem and exits with status 2.
 */
export function configFromEnvironment(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`alphanest: ${err.message}\n`);
    process.exit(2);
  }
}
