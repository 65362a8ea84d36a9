import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/core/config.ts';
import { createContext, type AppContext, type ContextOptions } from '../../src/core/context.ts';
import { platformModules } from '../../src/platform.ts';
import { seedCompiledContracts } from './compiledContracts.ts';
import { deleteRedisKeys, dropSchema, runId, services } from './services.ts';

export type Backend = 'pglite' | 'postgres';

export interface TestContextOptions extends ContextOptions {
  backend?: Backend;
  /** Use real Redis (with a per-run key prefix) instead of the in-process cache. */
  redis?: boolean;
  env?: Record<string, string>;
}

/**
 * A platform context for one test file: PGlite in memory or a fresh schema on
 * the real PostgreSQL, the in-process cache or Redis under a per-run prefix,
 * dev keys and the compiled contracts in a temporary directory. `close()` removes all of it.
 */
/** The run's migrated PGlite cluster (test/support/pgliteTemplate.setup.ts), read once per test file. */
let pgliteTemplate: Blob | undefined;
function migratedPglite(): { template: Blob } {
  pgliteTemplate ??= new Blob([readFileSync(inject('pgliteTemplatePath'))]);
  return { template: pgliteTemplate };
}

export async function createTestContext(options: TestContextOptions = {}): Promise<AppContext & { config: Config }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'alphanest-test-'));
  await seedCompiledContracts(dataDir);
  const id = runId();
  const env: Record<string, string> = {
    ENV: 'testing',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    // Two test forks beside PostgreSQL, Redis and RabbitMQ on two cores can stall a fork for seconds, and a node that
    // sheds load then fails a test about something else. Load shedding has its own tests (src/core/http/pressure.test.ts).
    OVERLOAD_EVENT_LOOP_DELAY_MS: '600000',
    ...(options.backend === 'postgres' && { DATABASE_URL: services.postgresUrl, DATABASE_SCHEMA: id }),
    ...(options.redis && { CACHE_URL: services.redisUrl, SLAVE_CACHE_URL: services.redisUrl, CACHE_PREFIX: `${id}:` }),
    ...options.env,
  };
  const config = loadConfig(env);
  const ctx = await createContext(config, {
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    // A test that names its own migrations starts from an empty cluster; the others from the migrated one,
    // whose migrations then find nothing left to apply.
    inMemoryDb: options.backend === 'postgres' || options.migrations ? true : migratedPglite(),
    migrations: platformModules.migrations(),
    ...options,
  });
  ctx.onClose(async () => {
    if (config.DATABASE_SCHEMA) await dropSchema(config.DATABASE_SCHEMA);
    if (config.CACHE_URL) await deleteRedisKeys(config.CACHE_PREFIX);
    rmSync(dataDir, { recursive: true, force: true });
  });
  return ctx;
}

export const backends: Backend[] = ['pglite', 'postgres'];
