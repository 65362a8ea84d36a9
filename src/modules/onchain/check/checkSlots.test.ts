import { describe, expect, it } from 'vitest';
import { forCall, type ChainClient } from '../chains/chainClient.ts';
import type { OnchainChain } from '../chains/chainRegistry.ts';
import { CHECKS_AT_ONCE, inCheckSlot } from './checkSlots.ts';
import { checkToken, type CheckDeps } from './checkToken.ts';

const chainA = {} as ChainClient;
const chainB = {} as ChainClient;

/** A check that runs until released, recording how many run on its chain at once. */
function gauge() {
  let running = 0;
  let most = 0;
  const releases: Array<() => void> = [];
  const check = () => {
    most = Math.max(most, ++running);
    return new Promise<void>((resolve) => {
      releases.push(() => {
        running--;
        resolve();
      });
    });
  };
  return { check, releases, most: () => most };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('token checks per chain', () => {
  it('runs a few at once, the rest in arrival order, and another chain alongside', async () => {
    const a = gauge();
    const order: number[] = [];
    const burst = Array.from({ length: CHECKS_AT_ONCE + 3 }, (_, i) =>
      inCheckSlot(chainA, () => {
        order.push(i);
        return a.check();
      }),
    );
    const b = gauge();
    const other = inCheckSlot(chainB, b.check);
    await tick();
    expect(a.most()).toBe(CHECKS_AT_ONCE);
    expect(b.most()).toBe(1);
    b.releases[0]!();
    await other;
    for (let released = 0; released < burst.length; released++) {
      a.releases[released]!();
      await tick();
    }
    await Promise.all(burst);
    expect(a.most()).toBe(CHECKS_AT_ONCE);
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });

  it('lets a waiting check whose call timed out leave without running', async () => {
    const a = gauge();
    const running = Array.from({ length: CHECKS_AT_ONCE }, () => inCheckSlot(chainA, a.check));
    const timedOut = new AbortController();
    let ran = false;
    const waiting = forCall(timedOut.signal, () =>
      inCheckSlot(chainA, async () => {
        ran = true;
      }),
    );
    const next = inCheckSlot(chainA, a.check);
    timedOut.abort(new Error('no result within 30000 ms'));
    await expect(waiting).rejects.toThrow('no result within 30000 ms');
    // The slot the first check frees goes to the check after the one that left.
    a.releases[0]!();
    await tick();
    expect(a.releases).toHaveLength(CHECKS_AT_ONCE + 1);
    for (const release of a.releases.slice(1)) release();
    await Promise.all([...running, next]);
    expect(ran).toBe(false);
  });

  it('holds naughty_coin.check_token to them: a burst of checks on one chain does not all start at once', async () => {
    const a = gauge();
    // The chain answers its first read (the head) only when released: each check waits there.
    const chain = {
      client: {
        getBlockNumber: async () => {
          await a.check();
          throw new Error('the chain went away');
        },
      },
    } as unknown as OnchainChain;
    const burst = Array.from({ length: CHECKS_AT_ONCE * 3 }, () =>
      checkToken(chain, '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9', {} as CheckDeps).catch(() => null),
    );
    await tick();
    expect(a.most()).toBe(CHECKS_AT_ONCE);
    for (let released = 0; released < burst.length; released++) {
      a.releases[released]!();
      await tick();
    }
    await Promise.all(burst);
    expect(a.most()).toBe(CHECKS_AT_ONCE);
  });
});
