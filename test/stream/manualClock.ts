import type { Clock } from '../../src/modules/stream/clock.ts';

export interface ManualClock extends Clock {
  /** Moves time forward, firing every periodic callback that falls due on the way, in order. */
  advance(ms: number): void;
}

export function manualClock(start = 1_700_000_000_000): ManualClock {
  let now = start;
  const timers = new Set<{ ms: number; next: number; fn: () => void }>();
  return {
    now: () => now,
    every(ms, fn) {
      const timer = { ms, next: now + ms, fn };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let due: { ms: number; next: number; fn: () => void } | undefined;
        for (const timer of timers) if (timer.next <= end && (!due || timer.next < due.next)) due = timer;
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.fn();
      }
      now = end;
    },
  };
}
