import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logger.ts';
import { concurrencyRefusal, rateRefusal, WINDOW_MS, type ChatLimits, type LimitSettings } from './limits.ts';

// Both scripts run atomically on the server, so two gateways never both take the last unit.
const COUNT_IN_WINDOW = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

const TAKE_SLOT = `local n = redis.call('INCR', KEYS[1])
if n > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const GIVE_SLOT = `local n = redis.call('DECR', KEYS[1])
if n <= 0 then redis.call('DEL', KEYS[1]) end
return n`;

/**
 * The chat limits shared by every node through Redis. While Redis is
 * unreachable each node falls back to its own in-process limits: chat stays
 * up and still limited, only not exactly across nodes.
 */
export function createRedisChatLimits(redis: Redis, settings: LimitSettings & { slotTtlMs: number }, fallback: ChatLimits, logger: Logger): ChatLimits {
  const now = settings.now ?? Date.now;
  return {
    async admit(userId) {
      const at = now();
      const rateKey = `chat:rate:${userId}:${Math.floor(at / WINDOW_MS)}`;
      const slotKey = `chat:active:${userId}`;
      try {
        const used = Number(await redis.eval(COUNT_IN_WINDOW, 1, rateKey, WINDOW_MS));
        if (used > settings.ratePerMinute) return rateRefusal(settings, at);
        const taken = Number(await redis.eval(TAKE_SLOT, 1, slotKey, settings.concurrency, settings.slotTtlMs));
        if (!taken) return concurrencyRefusal(settings);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'chat limits: redis unavailable, limiting this node alone');
        return fallback.admit(userId);
      }
      let released = false;
      return {
        admitted: true,
        async release() {
          if (released) return;
          released = true;
          await redis.eval(GIVE_SLOT, 1, slotKey).catch((err: Error) => logger.warn({ err: err.message }, 'chat limits: could not release a slot; it expires by itself'));
        },
      };
    },
  };
}
