import { describe, expect, it } from 'vitest';
import { createMemoryCache } from './memoryCache.ts';

const MiB = 1024 * 1024;
/** A value that the cache counts as 100 KiB (two bytes per character). */
const value100k = 'x'.repeat(50 * 1024);

describe('in-process cache', () => {
  it('keeps its values within its byte budget, dropping the least recently used', async () => {
    const cache = createMemoryCache(MiB);
    for (let i = 0; i < 50; i++) await cache.set(`page:${i}`, value100k, 60_000);
    const kept = [];
    for (let i = 0; i < 50; i++) if ((await cache.get(`page:${i}`)) !== null) kept.push(i);
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(kept).toContain(49);
    expect(kept).not.toContain(0);
    await cache.close();
  });

  it('never evicts a counter, however full it gets', async () => {
    const cache = createMemoryCache(MiB);
    expect(await cache.incr('feed:generation')).toBe(1);
    expect(await cache.incr('feed:generation')).toBe(2);
    for (let i = 0; i < 50; i++) await cache.set(`page:${i}`, value100k, 60_000);
    expect(await cache.get('feed:generation')).toBe('2');
    await cache.close();
  });
});
