import { describe, expect, it } from 'vitest';
import { createRateLimit } from './requestRateLimit.ts';
import { createManualClock } from '../../../test/support/manualClock.ts';

describe('request rate limit', () => {
  it('lets a burst through, then spaces requests at the rate', async () => {
    const clock = createManualClock();
    const bucket = createRateLimit({ perMinute: 60, capacity: 2, clock });
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(clock.sleeps).toEqual([1_000, 1_000, 1_000]);
  });

  it('refills while idle, up to its capacity', async () => {
    const clock = createManualClock();
    const bucket = createRateLimit({ perMinute: 60, capacity: 2, clock });
    await bucket.take();
    await bucket.take();
    clock.advance(60_000);
    await bucket.take();
    await bucket.take();
    await bucket.take();
    expect(clock.sleeps).toEqual([1_000]);
  });
});
