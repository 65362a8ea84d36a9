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

  it('spends none of the minute on a message refused for concurrency, and holds no slot for one refused for rate', async () => {
    const limits = createMemoryChatLimits({ ratePerMinute: 3, concurrency: 1, now: () => 0 });
    const running = admitted(await limits.admit('ann'));
    for (let i = 0; i < 5; i++) expect(await limits.admit('ann')).toMatchObject({ reason: 'concurrency' });
    await running.release();
    // Two more of the three this minute, though five were refused meanwhile.
    for (let i = 0; i < 2; i++) await admitted(await limits.admit('ann')).release();
    expect(await limits.admit('ann')).toMatchObject({ reason: 'rate' });
    // The rate refusal took no slot: once the minute turns, a message is admitted at once.
    const later = createMemoryChatLimits({ ratePerMinute: 1, concurrency: 1, now: () => 0 });
    await admitted(await later.admit('bob')).release();
    expect(await later.admit('bob')).toMatchObject({ reason: 'rate' });
    expect(await later.admit('bob')).toMatchObject({ reason: 'rate' });
  });
});
