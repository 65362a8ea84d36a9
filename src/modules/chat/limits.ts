import { createMemoryCallLimiter } from '../tools/index.ts';

/**
 * Admission for chat messages: at most `ratePerMinute` per user in each
 * clock minute (a fixed window) and at most `concurrency` in flight at once.
 */
export type Admission =
  | { admitted: true; release(): Promise<void> }
  | { admitted: false; reason: 'rate' | 'concurrency'; retryAfterSeconds: number; message: string };

export interface ChatLimits {
  admit(userId: string): Promise<Admission>;
}

export interface LimitSettings {
  ratePerMinute: number;
  concurrency: number;
  now?: () => number;
}

export const rateRefusal = (settings: LimitSettings, retryAfterSeconds: number): Admission => ({
  admitted: false,
  reason: 'rate',
  retryAfterSeconds,
  message: `at most ${settings.ratePerMinute} chat messages per minute`,
});

/** Admitted once, released at most once however often `release` is called. */
export function admitted(release: () => Promise<void>): Admission {
  let released = false;
  return {
    admitted: true,
    async release() {
      if (released) return;
      released = true;
      await release();
    },
  };
}

export const concurrencyRefusal = (settings: LimitSettings): Admission => ({
  admitted: false,
  reason: 'concurrency',
  retryAfterSeconds: 1,
  message: `at most ${settings.concurrency} chat messages in progress at once`,
});

/** The limits of one process: what a single node uses, and what the Redis limits fall back to while Redis is away. */
export function createMemoryChatLimits(settings: LimitSettings): ChatLimits {
  // The message rate is the same fixed-window count the tool registry uses for tool calls.
  const rate = createMemoryCallLimiter({ perMinute: settings.ratePerMinute, now: settings.now });
  const active = new Map<string, number>();
  return {
    async admit(userId) {
      // The slot first: a message refused for concurrency must not spend the minute's budget.
      const running = active.get(userId) ?? 0;
      if (running >= settings.concurrency) return concurrencyRefusal(settings);
      const admission = await rate.take(userId);
      if (!admission.allowed) return rateRefusal(settings, admission.retryAfterSeconds);
      active.set(userId, (active.get(userId) ?? 0) + 1);
      return admitted(async () => {
        const left = (active.get(userId) ?? 1) - 1;
        if (left > 0) active.set(userId, left);
        else active.delete(userId);
      });
    },
  };
}
