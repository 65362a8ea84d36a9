import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { createConnectionRateLimit } from './connectionRateLimit.ts';

const takes = (take: () => boolean, n: number) => Array.from({ length: n }, take).filter(Boolean).length;

describe('connection rate limit', () => {
  it('limits connections per address independently', () => {
    const clock = createManualClock();
    const allow = createConnectionRateLimit(3, clock);
    expect(takes(() => allow('10.0.0.1'), 5)).toBe(3);
    expect(takes(() => allow('10.0.0.2'), 5)).toBe(3);
    clock.advance(20_000);
    expect(takes(() => allow('10.0.0.1'), 5)).toBe(1);
  });
});
