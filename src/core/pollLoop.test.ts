import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../test/support/manualClock.ts';
import { runPollLoop } from './pollLoop.ts';

/** Runs the loop over scripted polls (undefined succeeds, an error fails), stopping it in the last; the waits between polls. */
async function run(
  script: Array<Error | undefined>,
  options: { intervalMs: number; backoff?: { baseMs: number; maxMs: number } },
) {
  const clock = createManualClock();
  const controller = new AbortController();
  const failures: Array<{ failures: number; retryInMs: number }> = [];
  let polls = 0;
  await runPollLoop(
    async () => {
      const step = script[polls++];
      if (polls === script.length) controller.abort();
      if (step) throw step;
    },
    {
      ...options,
      clock,
      signal: controller.signal,
      onFailure: (_err, count, retryInMs) => failures.push({ failures: count, retryInMs }),
    },
  );
  // The loop also enters, and at once leaves, a wait after the poll that stopped it.
  return { polls, sleeps: clock.sleeps.slice(0, polls - 1), failures };
}

describe('poll loop', () => {
  it('polls at once, then every interval while polls succeed', async () => {
    const { polls, sleeps } = await run([undefined, undefined, undefined], { intervalMs: 5_000 });
    expect(polls).toBe(3);
    expect(sleeps).toEqual([5_000, 5_000]);
  });

  it('backs off with jitter while polls fail, from about one interval by default, and resets on success', async () => {
    const boom = new Error('boom');
    const { sleeps, failures } = await run([boom, boom, boom, undefined, boom, undefined], { intervalMs: 2_000 });
    expect(failures.map((f) => f.failures)).toEqual([1, 2, 3, 1]);
    const [first, second, third, healthy, again] = sleeps;
    expect(first).toBeGreaterThanOrEqual(1_000);
    expect(first).toBeLessThanOrEqual(2_000);
    expect(second).toBeGreaterThanOrEqual(2_000);
    expect(second).toBeLessThanOrEqual(4_000);
    expect(third).toBeGreaterThanOrEqual(4_000);
    expect(third).toBeLessThanOrEqual(8_000);
    expect(healthy).toBe(2_000);
    expect(again).toBeLessThanOrEqual(2_000);
    expect(failures.map((f) => f.retryInMs)).toEqual([first, second, third, again]);
  });

  it('waits at least as long as a failed source asked (Retry-After), and follows a given policy', async () => {
    const limited = Object.assign(new Error('429'), { retryAfterMs: 600_000 });
    const { sleeps } = await run([new Error('boom'), limited, undefined], {
      intervalMs: 30_000,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
    });
    expect(sleeps[0]).toBeLessThanOrEqual(1_000);
    expect(sleeps[1]).toBe(600_000);
  });

  it('ends the wait at once when stopped, after the poll in flight', async () => {
    const controller = new AbortController();
    let polls = 0;
    const loop = runPollLoop(async () => void polls++, {
      intervalMs: 60_000,
      clock: createManualClock(),
      signal: controller.signal,
      onFailure: () => {},
    });
    controller.abort();
    await loop;
    expect(polls).toBe(1);
  });
});
