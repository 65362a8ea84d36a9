/**
 * Keeps a flood of identical log lines (every request failing the same way
 * during an outage, a client repeating the same bad request) from drowning the
 * log: a key is let through once per window, and the next line let through
 * says how many were suppressed in between.
 */
export interface LogThrottle {
  /** Null when a line with this key was let through less than a window ago; otherwise how many were suppressed since. */
  admit(key: string): { suppressed: number } | null;
}

/** Distinct keys remembered at most; past it the oldest windows are forgotten (their counts with them). */
const MAX_KEYS = 1_000;

export function createLogThrottle(windowMs = 10_000, now: () => number = Date.now): LogThrottle {
  const windows = new Map<string, { until: number; suppressed: number }>();
  return {
    admit(key) {
      const at = now();
      const open = windows.get(key);
      if (open && open.until > at) {
        open.suppressed++;
        return null;
      }
      windows.delete(key);
      if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value!);
      windows.set(key, { until: at + windowMs, suppressed: 0 });
      return { suppressed: open?.suppressed ?? 0 };
    },
  };
}
