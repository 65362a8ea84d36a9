import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import type { AppContext } from '../../src/core/context.ts';
import { runId } from '../support/services.ts';

describe('global rate limit shared by two gateway instances through Redis', () => {
  const contexts: AppContext[] = [];
  const gateways: RunningGateway[] = [];
  const LIMIT = 10;

  beforeAll(async () => {
    // Both instances use one PostgreSQL schema and one Redis prefix, as two nodes of a deployment would.
    const first = await createTestContext({
      backend: 'postgres',
      redis: true,
      env: { GLOBAL_LIMIT_TIMES: String(LIMIT), GLOBAL_LIMIT_SECONDS: '60' },
    });
    const shared = {
      DATABASE_SCHEMA: first.config.DATABASE_SCHEMA!,
      CACHE_PREFIX: first.config.CACHE_PREFIX,
      DATA_DIR: first.config.DATA_DIR,
    };
    const second = await createTestContext({
      backend: 'postgres',
      redis: true,
      env: { GLOBAL_LIMIT_TIMES: String(LIMIT), GLOBAL_LIMIT_SECONDS: '60', ...shared },
    });
    contexts.push(first, second);
    gateways.push(await startGateway(first), await startGateway(second));
  });
  afterAll(async () => {
    for (const g of gateways) await g.close();
    for (const c of contexts.reverse()) await c.close();
  });

  it('admits exactly the limit across both nodes, then answers 429 with Retry-After', async () => {
    const token = await contexts[0]!.auth.sign({ sub: runId('user'), role: 'user' }, '1h');
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof http>> | undefined;
    for (let i = 0; i < 16; i++) {
      const response = await http(`${gateways[i % 2]!.url}/api/v1/intelligence/?size=1`, { token });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else expect(response.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 1 - i));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    expect(limited!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited!.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
    expect(limited!.body.error.code).toBe('rate_limited');
  });

  it('counts signed-in users by id and guests by address, and exempts health checks', async () => {
    const other = await contexts[1]!.auth.sign({ sub: runId('user'), role: 'user' }, '1h');
    expect((await http(`${gateways[1]!.url}/api/v1/intelligence/?size=1`, { token: other })).status).toBe(200);
    for (let i = 0; i < LIMIT + 2; i++) expect((await http(`${gateways[i % 2]!.url}/health`)).status).toBe(200);
    expect((await http(`${gateways[0]!.url}/metrics`)).status).toBe(200);
  });
});
