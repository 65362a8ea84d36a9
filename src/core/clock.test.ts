import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';

describe('systemClock.sleep', () => {
  afterEach(() => vi.useRealTimers());

  it('waits out a delay longer than setTimeout takes (a 30-day rotation) instead of waking at once', async () => {
    vi.useFakeTimers();
    let woke = false;
    const sleeping = systemClock.sleep(30 * 86_400_000).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(25 * 86_400_000);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(5 * 86_400_000);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('wakes early, without throwing, when its signal aborts', async () => {
    const stop = new AbortController();
    const sleeping = systemClock.sleep(30 * 86_400_000, stop.signal);
    stop.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });
});
