import { describe, expect, it } from 'vitest';
import { createMemoryChatLimits, type Admission } from './limits.ts';

const admitted = (a: Admission) => (a.admitted ? a : expect.fail(`refused: ${a.message}`));

describe('in-process chat limits', () => {
  it('refuses the message past the per-minute rate until the next window, with the seconds to wait', async () => {
    let now = 60_000 * 100 + 15_000;
    const limits = createMemoryChatLimits({ ratePerMinute: 3, concurrency: 10, now: () => now });
    for (let i = 0; i < 3; i++) await admitted(await limits.admit('ann')).release();
    const refused = await limits.admit('ann');
    expect(refused).toMatchObject({ admitted: false, reason: 'rate', retryAfterSeconds: 45 });
    expect((await limits.admit('bob')).admitted).toBe(true);
    now += 45_000;
    expect((await limits.admit('ann')).admitted).toBe(true);
  });

  it('holds at most `concurrency` messages per user in flight and frees a slot on release', async () => {
    const limits = createMemoryChatLimits({ ratePerMinute: 100, concurrency: 2, now: () => 0 });
    const first = admitted(await limits.admit('ann'));
    admitted(await limits.admit('ann'));
    expect(await limits.admit('ann')).toMatchObject({ admitted: false, reason: 'concurrency', retryAfterSeconds: 1 });
    await first.release();
    await first.release(); // a second release must not free someone else's slot
    admitted(await limits.admit('ann'));
    expect((await limits.admit('ann')).admitted).toBe(false);
  });
});
