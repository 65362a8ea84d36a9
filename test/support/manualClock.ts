import type { Clock } from '../../src/core/clock.ts';

/**
 * A clock that moves only when told to or slept on. `advance` fires every
 * periodic callback that falls due on the way, in order; each sleep is
 * recorded and advances time by exactly its length, so timing logic is
 * tested without waiting.
 */
export interface ManualClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

interface Periodic {
  ms: number;
  next: number;
  fn: () => void;
}

export function createManualClock(start = Date.parse('2026-01-01T00:00:00Z')): ManualClock {
  let now = start;
  const sleeps: number[] = [];
  const timers = new Set<Periodic>();
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      let due: Periodic | undefined;
      for (const timer of timers) if (timer.next <= end && (!due || timer.next < due.next)) due = timer;
      if (!due) break;
      now = due.next;
      due.next += due.ms;
      due.fn();
    }
    now = end;
  };
  return {
    sleeps,
    now: () => now,
    advance,
    async sleep(ms) {
      sleeps.push(ms);
      advance(ms);
      await Promise.resolve();
    },
    every(ms, fn) {
      const timer = { ms, next: now + ms, fn };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
  };
}
