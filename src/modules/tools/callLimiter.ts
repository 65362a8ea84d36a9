import type { Redis } from 'ioredis';
import { errorText, type Logger } from '../../core/logger.ts';

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** At most `perMinute` tool calls per client in each clock minute (a fixed window). */
export interface CallLimiter {
  take(client: string): Promise<Admission>;
}

export interface LimiterSettings {
  perMinute: number;
  now?: () => number;
}

const WINDOW_MS = 60_000;

const refusal = (at: number): Admission => ({
  allowed: false,
  retryAfterSeconds: Math.max(1, Math.ceil((WINDOW_MS - (at % WINDOW_MS)) / 1000)),
});

/**
 * Counts one call of `client` in the current window on Redis: INCR and PEXPIRE
 * in one MULTI, so two nodes never both take the last call of a window.
 * Throws when Redis is unreachable, so each caller picks its own fallback.
 */
export async function takeFromRedisWindow(
  redis: Redis,
  namespace: string,
  client: string,
  perMinute: number,
  at: number,
): Promise<Admission> {
  const key = `${namespace}:rate:${client}:${Math.floor(at / WINDOW_MS)}`;
  const replies = await redis.multi().incr(key).pexpire(key, WINDOW_MS).exec();
  const [error, used] = replies?.[0] ?? [new Error('transaction discarded'), 0];
  if (error) throw error;
  return Number(used) > perMinute ? refusal(at) : { allowed: true };
}

/** The limit of one process; also what the Redis limiter falls back to while Redis is away. */
export function createMemoryCallLimiter({ perMinute, now = Date.now }: LimiterSettings): CallLimiter {
  let window = -1;
  const counts = new Map<string, number>();
  return {
    async take(client) {
      const at = now();
      const current = Math.floor(at / WINDOW_MS);
      if (current !== window) {
        window = current;
        counts.clear();
      }
      const used = counts.get(client) ?? 0;
      if (used >= perMinute) return refusal(at);
      counts.set(client, used + 1);
      return { allowed: true };
    },
  };
}

/**
 * The limit shared by every node through Redis. While Redis is unreachable
 * each node limits on its own rather than refusing every call.
 */
export function createRedisCallLimiter(
  redis: Redis,
  settings: LimiterSettings,
  fallback: CallLimiter,
  logger: Logger,
): CallLimiter {
  const now = settings.now ?? Date.now;
  return {
    async take(client) {
      try {
        return await takeFromRedisWindow(redis, 'tools', client, settings.perMinute, now());
      } catch (err) {
        logger.warn({ err: errorText(err) }, 'tool rate limit: redis unavailable, limiting this node alone');
        return fallback.take(client);
      }
    },
  };
}

export function createCallLimiter(redis: Redis | undefined, settings: LimiterSettings, logger: Logger): CallLimiter {
  const local = createMemoryCallLimiter(settings);
  return redis ? createRedisCallLimiter(redis, settings, local, logger) : local;
}
