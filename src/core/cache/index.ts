import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Cache } from './cache.ts';
import { createMemoryCache } from './memoryCache.ts';
import { connectRedis, createRedisCache, whenReady } from './redisCache.ts';

export type { Cache } from './cache.ts';

export interface CacheSetup {
  cache: Cache;
  /** The Redis master when CACHE_URL is set, for features that need Redis itself (rate limits, sorted sets). */
  redis?: Redis;
}

export async function openCache(
  config: Pick<
    Config,
    'CACHE_URL' | 'SLAVE_CACHE_URL' | 'CACHE_PREFIX' | 'CACHE_MEMORY_MAX_BYTES' | 'CACHE_COMMAND_TIMEOUT_MS'
  >,
  logger: Logger,
): Promise<CacheSetup> {
  if (!config.CACHE_URL) return { cache: createMemoryCache(config.CACHE_MEMORY_MAX_BYTES) };
  const master = connectRedis(config.CACHE_URL, config.CACHE_PREFIX, config.CACHE_COMMAND_TIMEOUT_MS, logger, 'master');
  const replica = config.SLAVE_CACHE_URL
    ? connectRedis(config.SLAVE_CACHE_URL, config.CACHE_PREFIX, config.CACHE_COMMAND_TIMEOUT_MS, logger, 'replica')
    : master;
  const ready = await Promise.all([whenReady(master), whenReady(replica)]);
  if (!ready.every(Boolean)) logger.warn('redis is not reachable yet: serving from the database until it is');
  return { cache: createRedisCache(master, replica), redis: master };
}
