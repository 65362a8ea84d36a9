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

export const WINDOW_MS = 60_000;

export const rateRefusal = (settings: LimitSettings, now: number): Admission => ({
  admitted: false,
  reason: 'rate',
  retryAfterSeconds: Math.max(1, Math.ceil((WINDOW_MS - (now % WINDOW_MS)) / 1000)),
  message: `at most ${settings.ratePerMinute} chat messages per minute`,
});

export const concurrencyRefusal = (settings: LimitSettings): Admission => ({
  admitted: false,
  reason: 'concurrency',
  retryAfterSeconds: 1,
  message: `at most ${settings.concurrency} chat messages in progress at once`,
});

/** The limits of one process: what a single node uses, and what the Redis limits fall back to while Redis is away. */
export function createMemoryChatLimits(settings: LimitSettings): ChatLimits {
  const now = settings.now ?? Date.now;
  const windows = new Map<string, { window: number; count: number }>();
  const active = new Map<string, number>();
  return {
    async admit(userId) {
      const at = now();
      const window = Math.floor(at / WINDOW_MS);
      const current = windows.get(userId);
      const used = current?.window === window ? current.count : 0;
      if (used >= settings.ratePerMinute) return rateRefusal(settings, at);
      if (current?.window !== window) for (const [user, entry] of windows) if (entry.window !== window) windows.delete(user);
      windows.set(userId, { window, count: used + 1 });
      const running = active.get(userId) ?? 0;
      if (running >= settings.concurrency) return concurrencyRefusal(settings);
      active.set(userId, running + 1);
      let released = false;
      return {
        admitted: true,
        async release() {
          if (released) return;
          released = true;
          const left = (active.get(userId) ?? 1) - 1;
          if (left > 0) active.set(userId, left);
          else active.delete(userId);
        },
      };
    },
  };
}
