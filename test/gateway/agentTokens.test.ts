import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/core/auth/auth.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createTestContext } from '../support/context.ts';
import { http, type RunningGateway, startGateway } from '../support/gateway.ts';

describe('agent tokens bound to their agents (POST /api/v1/intelligence/)', () => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let n = 0;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
    gateway = await startGateway(ctx);
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
  });

  async function post(principal: Principal, agentId?: string) {
    n++;
    const json = { type: 'news', title: `Bound token item ${n}`, source: { name: 'test' }, agent_id: agentId };
    return http(`${gateway.url}/api/v1/intelligence/`, {
      method: 'POST',
      token: await ctx.auth.sign(principal, '1h'),
      json,
    });
  }

  it('lets a bound agent token publish as its own agents only', async () => {
    const radar = { sub: 'radar', role: 'agent' as const, agents: ['news-sentiment-radar'] };
    expect((await post(radar, 'news-sentiment-radar')).status).toBe(201);
    const other = await post(radar, 'security-watch');
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'forbidden', field: 'agent_id' });
  });

  it('keeps a token without the claim to the generic ingest agent', async () => {
    const script = { sub: 'script', role: 'agent' as const };
    expect((await post(script)).status).toBe(201);
    expect((await post(script, 'listing-hunter')).status).toBe(403);
  });

  it('checks the caller before the body: 401 for a guest or a bad token, 403 for another role, then 400', async () => {
    const url = `${gateway.url}/api/v1/intelligence/`;
    const bad = { foo: 1 };
    const user = await ctx.auth.sign({ sub: 'reader', role: 'user' }, '1h');
    const agent = await ctx.auth.sign({ sub: 'script', role: 'agent' }, '1h');
    expect((await http(url, { method: 'POST', json: bad })).body.error.code).toBe('unauthorized');
    expect((await http(url, { method: 'POST', json: bad, token: 'abc.def.ghi' })).status).toBe(401);
    const unreadable = { method: 'POST', body: '{"foo":', headers: { 'content-type': 'application/json' } };
    expect((await http(url, unreadable)).status).toBe(401);
    const wrongRole = await http(url, { method: 'POST', json: bad, token: user });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error).toMatchObject({ code: 'forbidden', message: 'requires role agent or admin' });
    expect((await http(url, { ...unreadable, token: user })).status).toBe(403);
    expect((await http(url, { method: 'POST', json: bad, token: agent })).status).toBe(400);
  });

  it('lets an admin publish for any agent', async () => {
    expect((await post({ sub: 'ops', role: 'admin' }, 'security-watch')).status).toBe(201);
  });
});
