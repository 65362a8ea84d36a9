import { describe, expect, it } from 'vitest';
import { deadline } from './deadline.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('deadline', () => {
  it('aborts with a TimeoutError once the time is up', async () => {
    const limit = deadline(10);
    await wait(30);
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

  it('does nothing more once cleared: no timeout, no link to the caller', async () => {
    const caller = new AbortController();
    const limit = deadline(10, caller.signal);
    limit.clear();
    caller.abort();
    await wait(30);
    expect(limit.signal.aborted).toBe(false);
    expect(limit.expired).toBe(false);
  });
});
