import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../../../test/support/context.ts';
import { createManualClock } from '../../../test/support/manualClock.ts';
import type { AppContext } from '../context.ts';
import type { ServiceHealth } from '../health.ts';
import { createHttpApp } from './server.ts';
import { systemRoutes, type HealthProbes } from './systemRoutes.ts';

/** /health is open to guests and exempt from every limit: a flood of calls must not become a flood of probes. */
describe('/health probes', () => {
  const clock = createManualClock();
  const calls = { database: 0, cache: 0, bus: 0 };
  /** Holds every probe until the test opens it, so the first round is still running while the calls arrive. */
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const probe = (name: keyof typeof calls) => async (): Promise<ServiceHealth> => {
    calls[name]++;
    await opened;
    return { status: 'up', response_time: 1, kind: name };
  };
  const probes: HealthProbes = { database: probe('database'), cache: probe('cache'), bus: probe('bus') };
  let ctx: AppContext;
  let app: Awaited<ReturnType<typeof createHttpApp>>;

  beforeAll(async () => {
    ctx = await createTestContext();
    app = await createHttpApp(ctx, { title: 'test', description: 'test', rateLimit: true });
    await app.register(systemRoutes(ctx, probes, clock));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  const health = (token?: string) =>
    app.inject({ url: '/health', headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('runs each probe once for 50 concurrent guest calls, and again only a second later', async () => {
    const answers = Array.from({ length: 50 }, () => health());
    await vi.waitFor(() => expect(calls.database).toBe(1), { timeout: 20_000, interval: 25 });
    // However long a round runs (a probe waits up to 2 s for a dependency that does not answer), calls meanwhile share it.
    clock.advance(10_000);
    open();
    const responses = await Promise.all(answers);
    expect(responses.map((r) => r.json())).toEqual(
      responses.map(() => ({
        status: 'healthy',
        services: { database: { status: 'up' }, cache: { status: 'up' }, bus: { status: 'up' } },
      })),
    );
    expect(calls).toEqual({ database: 1, cache: 1, bus: 1 });

    // An admin within the second gets that round's details.
    const admin = await health(await ctx.auth.sign({ sub: 'ops', role: 'admin' }, '1h'));
    expect(admin.json().services.database).toEqual({ status: 'up', response_time: 1, kind: 'database' });
    expect(calls).toEqual({ database: 1, cache: 1, bus: 1 });

    clock.advance(1_000);
    await health();
    expect(calls).toEqual({ database: 2, cache: 2, bus: 2 });
  });
});
