import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadline, untilAborted, withDeadline } from './deadline.ts';

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

  it('withDeadline settles as the work does, or gives up naming what did not finish', async () => {
    await expect(withDeadline(Promise.resolve('done'), 10, 'quick')).resolves.toBe('done');
    await expect(withDeadline(Promise.reject(new Error('broken')), 10, 'failing')).rejects.toThrow('broken');
    const stuck = withDeadline(new Promise(() => {}), 10, 'redis quit');
    const outcome = expect(stuck).rejects.toThrow('redis quit did not finish within 10 ms');
    await vi.advanceTimersByTimeAsync(10);
    await outcome;
  });
});

describe('untilAborted', () => {
  it('rejects with the reason of a signal that had already aborted, and still handles the work’s own failure', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const caller = new AbortController();
      caller.abort(new Error('client disconnected'));
      // A handler that sees the aborted signal rejects before untilAborted is even called.
      const work = Promise.reject(caller.signal.reason);
      await expect(untilAborted(work, caller.signal)).rejects.toThrow('client disconnected');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
