import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../context.ts';
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
    ctx = await createTestContext();
    app = await createHttpApp(ctx, { title: 'test', description: 'test' });
    await app.register(systemRoutes(ctx));
    app.get('/work', async () => ({ done: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it('answers 503 overloaded with Retry-After while the event loop lags, and keeps /ping answering', async () => {
    expect((await app.inject('/work')).statusCode).toBe(200);
    // The monitor averages the loop's delay over about a second: only a loop stalled again and again counts as saturated.
    const saturate = async () => {
      for (let i = 0; i < 3; i++) {
        blockFor(1_200);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    let refused = await app.inject('/work');
    for (let attempt = 0; attempt < 5 && refused.statusCode !== 503; attempt++) {
      await saturate();
      refused = await app.inject('/work');
    }
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({ error: { code: 'overloaded' } });
    expect((await app.inject('/ping')).statusCode).toBe(200);
  });
});
