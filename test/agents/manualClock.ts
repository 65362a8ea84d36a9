import type { Clock } from '../../src/modules/connectors/clock.ts';

/**
 * A clock that only moves when slept on (or told to): each sleep advances time
 * by exactly its length and is recorded, so timing logic is tested without waiting.
 */
export interface ManualClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

export function createManualClock(start = Date.parse('2026-01-01T00:00:00Z')): ManualClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async sleep(ms) {
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
    },
  };
}
