import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../test/support/manualClock.ts';
import { createTokenBucket } from './tokenBucket.ts';

const takes = (take: () => boolean, n: number) => Array.from({ length: n }, take).filter(Boolean).length;

describe('token bucket', () => {
  it('allows a burst of its capacity, then refills at its rate', () => {
    const clock = createManualClock();
    const bucket = createTokenBucket(5, 2, clock);
    expect(takes(() => bucket.take(), 10)).toBe(5);
    clock.advance(1_000);
    expect(takes(() => bucket.take(), 10)).toBe(2);
    clock.advance(60_000);
    expect(takes(() => bucket.take(), 10)).toBe(5);
  });
});
