/**
 * Remembers each key's last loaded result for `ttlMs`, so bursts of identical
 * questions cost one upstream call (CoinGecko's free tier allows ~30 a minute).
 * Failures are not remembered: the next caller tries again.
 */
export interface ResultMemo<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
}

export function createResultMemo<T>(options: { ttlMs: number; now: () => Date; maxEntries?: number }): ResultMemo<T> {
  const { ttlMs, now, maxEntries = 1_000 } = options;
  const entries = new Map<string, { value: T; expiresAt: number }>();

  return {
    async get(key, load) {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now().getTime()) return hit.value;
      const value = await load();
      // Map keeps insertion order, so the first key is the oldest entry.
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, expiresAt: now().getTime() + ttlMs });
      return value;
    },
  };
}
