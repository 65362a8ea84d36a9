import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { createTimeWheel } from './timeWheel.ts';

function wheel(timeoutMs: number, slots = 300) {
  const clock = createManualClock();
  const expired: string[] = [];
  const atLatest: string[] = [];
  const w = createTimeWheel<string>({
    clock,
    timeoutMs,
    slots,
    onExpire: (value, bound) => {
      expired.push(value);
      if (bound) atLatest.push(value);
    },
  });
  return { clock, expired, atLatest, w };
}

describe('time wheel', () => {
  it('expires an entry once it has been silent for the whole timeout, not before', () => {
    const { clock, expired, w } = wheel(150_000);
    w.add('a');
    clock.advance(149_999);
    expect(expired).toEqual([]);
    clock.advance(1_000);
    expect(expired).toEqual(['a']);
    expect(w.size).toBe(0);
  });

  it('moves the deadline on touch and forgets removed entries', () => {
    const { clock, expired, w } = wheel(10_000);
    const kept = w.add('kept');
    const removed = w.add('removed');
    w.add('silent');
    w.remove(removed);
    for (let i = 0; i < 5; i++) {
      clock.advance(6_000);
      w.touch(kept);
    }
    expect(expired).toEqual(['silent']);
    clock.advance(11_000);
    expect(expired).toEqual(['silent', 'kept']);
    w.touch(kept); // touching an expired entry is harmless
    w.remove(kept);
    expect(w.size).toBe(0);
  });

  it('expires an entry by its expireBy bound however often it is touched, and says so', () => {
    const { clock, expired, atLatest, w } = wheel(10_000);
    const bound = w.add('bound');
    const lifted = w.add('lifted');
    const past = w.add('past');
    w.expireBy(bound, clock.now() + 25_000);
    w.expireBy(lifted, clock.now() + 5_000);
    w.expireBy(lifted, undefined);
    w.expireBy(past, clock.now() - 60_000);
    clock.advance(1_000);
    expect(atLatest).toEqual(['past']); // a bound already passed falls due at the next tick, not a revolution later
    for (let i = 0; i < 4; i++) {
      clock.advance(6_000);
      w.touch(bound);
      w.touch(lifted);
    }
    expect(expired).toEqual(['past', 'bound']);
    expect(atLatest).toEqual(['past', 'bound']);
    clock.advance(10_000);
    expect(expired).toEqual(['past', 'bound', 'lifted']);
    expect(atLatest).toEqual(['past', 'bound']); // silent for the timeout: not its bound
  });

  it('handles timeouts longer than one revolution of the wheel', () => {
    const { clock, expired, w } = wheel(25_000, 10);
    w.add('long');
    clock.advance(24_000);
    expect(expired).toEqual([]);
    clock.advance(1_000);
    expect(expired).toEqual(['long']);
  });

  it('catches up when its timer could not fire for several revolutions', () => {
    let now = 0;
    let tick = () => {};
    const stalledClock = {
      ...createManualClock(),
      now: () => now,
      every: (_ms: number, fn: () => void) => {
        tick = fn;
        return () => {};
      },
    };
    const expired: string[] = [];
    const w = createTimeWheel<string>({
      clock: stalledClock,
      timeoutMs: 5_000,
      slots: 10,
      onExpire: (value) => expired.push(value),
    });
    w.add('a');
    now = 3_000;
    w.add('b');
    now = 1_000_000;
    tick();
    expect(expired.sort()).toEqual(['a', 'b']);
  });

  it('keeps many entries in order of their own deadlines', () => {
    const { clock, expired, w } = wheel(60_000);
    const entries = Array.from({ length: 1_000 }, (_, i) => {
      clock.advance(10);
      return w.add(`c${i}`);
    });
    for (const [i, entry] of entries.entries()) if (i % 2 === 0) w.touch(entry);
    clock.advance(51_000);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((v) => Number(v.slice(1)) % 2 === 1)).toBe(true);
    clock.advance(60_000);
    expect(expired).toHaveLength(1_000);
  });
});
