import { describe, expect, it } from 'vitest';
import { advance, isAfter } from './watermark.ts';

describe('watermark', () => {
  it('takes newer entries and unseen ones sharing the newest timestamp', () => {
    const mark = { at: 100, ids: ['a'] };
    expect(isAfter(mark, { at: 100, id: 'a' })).toBe(false);
    expect(isAfter(mark, { at: 100, id: 'b' })).toBe(true);
    expect(isAfter(mark, { at: 99, id: 'c' })).toBe(false);
    expect(isAfter(mark, { at: 101, id: 'a' })).toBe(true);
    expect(isAfter(undefined, { at: 0, id: 'x' })).toBe(true);
  });

  it('moves to the newest timestamp and remembers every id at it', () => {
    expect(advance({ at: 100, ids: ['a'] }, [{ at: 100, id: 'b' }])).toEqual({ at: 100, ids: ['a', 'b'] });
    expect(
      advance({ at: 100, ids: ['a'] }, [
        { at: 120, id: 'c' },
        { at: 90, id: 'd' },
        { at: 120, id: 'e' },
      ]),
    ).toEqual({ at: 120, ids: ['c', 'e'] });
    expect(advance(undefined, [])).toBeUndefined();
  });
});
