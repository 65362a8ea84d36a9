import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../context.ts';
import { overloadOf, shedLoadUnderPressure } from './pressure.ts';
import { createHttpApp, type HttpApp } from './server.ts';
import { systemRoutes } from './systemRoutes.ts';

/** Keeps the event loop busy, as a node drowning in work would. */
function blockFor(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('load shedding', () => {
  let ctx: AppContext;
  let app: HttpApp;
  beforeAll(async () => {
    // The test context turns load shedding off (it would fail unrelated tests on a busy box); the default is back here.
    ctx = await createTestContext({ env: { OVERLOAD_EVENT_LOOP_DELAY_MS: '1000' } });
    app = await createHttpApp(ctx, { title: 'test', description: 'test' });
    await app.register(systemRoutes(ctx));
    app.get('/work', async () => ({ done: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('takes work after a single stall: a start-up or a long collection that has passed refuses nothing', async () => {
    blockFor(1_500);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await app.inject('/work')).statusCode).toBe(200);
  });

  /** Stalls the loop beyond a second, turn after turn, until a request is refused (at most five rounds of three). */
  async function saturateUntilRefused() {
    let refused = await app.inject('/work');
    for (let attempt = 0; attempt < 5 && refused.statusCode !== 503; attempt++) {
      for (let i = 0; i < 3; i++) {
        blockFor(1_200);
        await new Promise((resolve) => setImmediate(resolve));
      }
      refused = await app.inject('/work');
    }
    return refused;
  }

  it('answers 503 overloaded with Retry-After while the event loop lags, and keeps /ping answering', async () => {
    expect((await app.inject('/work')).statusCode).toBe(200);
    // One stall refuses nothing (it has passed); a loop stalled beyond a second turn after turn is saturated.
    const refused = await saturateUntilRefused();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({ error: { code: 'overloaded' } });
    expect((await app.inject('/ping')).statusCode).toBe(200);
  });

  it('reads stalls that begin while an idle loop is sampled once a second', async () => {
    // Idle for longer than the idle sampling wait, so the stalls below begin inside one.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await app.inject('/work')).statusCode).toBe(200);
    expect((await saturateUntilRefused()).statusCode).toBe(503);
  });

  it('refuses work while the heap is over its limit, and names what the node is overloaded by', async () => {
    const small = Fastify();
    await small.register(shedLoadUnderPressure, { maxHeapUsedBytes: 1 });
    small.get('/work', async () => ({ done: true }));
    small.get('/ping', async () => 'pong');
    try {
      // The first check runs a sample interval after the start: until then the node takes work.
      await vi.waitFor(async () => expect((await small.inject('/work')).statusCode).toBe(503), { timeout: 5_000 });
      const refused = await small.inject('/work');
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({
        error: { code: 'overloaded', message: expect.stringContaining('(heap)') },
      });
      expect((await small.inject('/ping')).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('counts the loop delay before the heap, each against its own limit', () => {
    const limits = { maxEventLoopDelayMs: 1_000, maxHeapUsedBytes: 100 };
    expect(overloadOf({ loopDelayMs: 10, heapUsedBytes: 50 }, limits)).toBeNull();
    expect(overloadOf({ loopDelayMs: 1_001, heapUsedBytes: 500 }, limits)).toBe('event loop delay');
    expect(overloadOf({ loopDelayMs: 1_000, heapUsedBytes: 101 }, limits)).toBe('heap');
  });
});
