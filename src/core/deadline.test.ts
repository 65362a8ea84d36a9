import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadline } from './deadline.ts';

describe('deadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts with a TimeoutError once the time is up, not before', () => {
    const limit = deadline(10);
    vi.advanceTimersByTime(9);
    expect(limit.signal.aborted).toBe(false);
    expect(limit.expired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(limit.expired).toBe(true);
    expect(limit.signal.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('aborts with the caller’s reason when the caller gives up first, or had already', () => {
    const caller = new AbortController();
    const limit = deadline(10_000, caller.signal);
    caller.abort(new Error('client disconnected'));
    expect(limit.signal.reason).toEqual(new Error('client disconnected'));
    expect(limit.expired).toBe(false);
    limit.clear();
    expect(deadline(10_000, caller.signal).signal.aborted).toBe(true);
  });

  it('does nothing more once cleared: no timeout, no link to the caller', () => {
    const caller = new AbortController();
    const limit = deadline(10, caller.signal);
    limit.clear();
    expect(vi.getTimerCount()).toBe(0);
    caller.abort();
    vi.advanceTimersByTime(30);
    expect(limit.signal.aborted).toBe(false);
    expect(limit.expired).toBe(false);
  });
});
