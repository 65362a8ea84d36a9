import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/ports.ts';
import { createTestContext } from '../../../test/support/context.ts';
import { http, HEALTHY_NODE } from '../../../test/support/gateway.ts';
import type { AppContext } from '../../core/context.ts';
import { createPlatform } from '../../platform.ts';
import { startHealthDoor } from './healthDoor.ts';

describe("the agents worker's health door", () => {
  let ctx: AppContext;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    ctx = await createTestContext({ env: { AGENTS_HEALTH_PORT: String(port), HOST: '127.0.0.1' } });
    close = await startHealthDoor(await createPlatform(ctx));
  });
  afterAll(async () => {
    await close?.();
    await ctx?.close();
  });

  it('answers the liveness, readiness and metrics probes a Kubernetes pod and Prometheus make', async () => {
    expect((await http(`${url}/ping`)).body).toEqual({ pong: true });
    const health = await http(`${url}/health`);
    expect(health.status).toBe(200);
    // What the gateway's reports: the secrets store beside the database, cache and bus.
    expect(health.body).toEqual(HEALTHY_NODE);
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# TYPE process_cpu_seconds_total/m);
  });
});
