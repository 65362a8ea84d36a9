import { describe, expect, it, vi } from 'vitest';
import { createResultMemo } from './resultMemo.ts';

describe('result memo', () => {
  it('serves a result until its TTL passes, then loads again', async () => {
    let clock = 0;
    const memo = createResultMemo<number | null>({ ttlMs: 30_000, now: () => new Date(clock) });
    const load = vi.fn(async () => null);
    await memo.get('a', load);
    clock = 29_999;
    expect(await memo.get('a', load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
    clock = 30_000;
    await memo.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not remember failures', async () => {
    const memo = createResultMemo<string>({ ttlMs: 30_000, now: () => new Date(0) });
    await expect(memo.get('a', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.get('a', async () => 'up')).toBe('up');
  });

  it('forgets the oldest entry beyond its capacity', async () => {
    const memo = createResultMemo<string>({ ttlMs: 30_000, now: () => new Date(0), maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await memo.get(key, async () => key);
    const load = vi.fn(async () => 'again');
    expect(await memo.get('c', load)).toBe('c');
    expect(await memo.get('a', load)).toBe('again');
  });
});
