import type { Redis } from 'ioredis';
import { errorText, type Logger } from '../../core/logger.ts';
import { takeFromRedisWindow } from '../tools/index.ts';
import { admitted, concurrencyRefusal, rateRefusal, type ChatLimits, type LimitSettings } from './limits.ts';

// Both scripts run atomically on the server, so two gateways never both take the last slot.
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
export function createRedisChatLimits(
  redis: Redis,
  settings: LimitSettings & { slotTtlMs: number },
  fallback: ChatLimits,
  logger: Logger,
): ChatLimits {
  const now = settings.now ?? Date.now;
  return {
    async admit(userId) {
      const slotKey = `chat:active:${userId}`;
      const giveSlot = () =>
        redis
          .eval(GIVE_SLOT, 1, slotKey)
          .then(() => {})
          .catch((err: Error) =>
            logger.warn({ err: errorText(err) }, 'chat limits: could not release a slot; it expires by itself'),
          );
      try {
        // The slot first: a message refused for concurrency must not spend the minute's budget.
        const taken = Number(await redis.eval(TAKE_SLOT, 1, slotKey, settings.concurrency, settings.slotTtlMs));
        if (!taken) return concurrencyRefusal(settings);
        const rate = await takeFromRedisWindow(redis, 'chat', userId, settings.ratePerMinute, now()).catch(
          async (err: unknown) => {
            await giveSlot();
            throw err;
          },
        );
        if (!rate.allowed) {
          await giveSlot();
          return rateRefusal(settings, rate.retryAfterSeconds);
        }
      } catch (err) {
        logger.warn({ err: errorText(err) }, 'chat limits: redis unavailable, limiting this node alone');
        return fallback.admit(userId);
      }
      return admitted(giveSlot);
    },
  };
}
