import { describe, expect, it } from 'vitest';
import { createLogThrottle } from './logThrottle.ts';

describe('log throttle', () => {
  it('lets a key through once per window and then reports how many lines it suppressed', () => {
    let now = 0;
    const throttle = createLogThrottle(10_000, () => now);
    expect(throttle.admit('500 /feed')).toEqual({ suppressed: 0 });
    expect(throttle.admit('400 /feed size')).toEqual({ suppressed: 0 });
    now = 5_000;
    expect(throttle.admit('500 /feed')).toBeNull();
    expect(throttle.admit('500 /feed')).toBeNull();
    now = 10_000;
    expect(throttle.admit('500 /feed')).toEqual({ suppressed: 2 });
    expect(throttle.admit('500 /feed')).toBeNull();
  });
});
