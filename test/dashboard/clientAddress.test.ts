import { createServer, request, type Server } from 'node:http';
import { rawRequest } from '../mcp/toolServer.ts';
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import { buildDashboardApp } from '../../src/modules/dashboard/app.ts';
import { loadDashboardBuild } from '../../src/modules/dashboard/build.ts';
import { buildToolServer } from '../../src/modules/tools/index.ts';
import { createTestContext } from '../support/context.ts';
import { type RunningGateway, startGateway } from '../support/gateway.ts';

/** An address of this machine that is not loopback: a request from it is what a caller on the network looks like. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

type Answer = Awaited<ReturnType<typeof rawRequest>>;

/** A request over node:http from a chosen local address, with any Host: a GET unless it carries a body. */
const call = (
  url: string,
  options: { from?: string; method?: string; headers?: Record<string, string>; json?: unknown } = {},
) => rawRequest(url, { ...options, method: options.method ?? (options.json === undefined ? 'GET' : 'POST') });

/** What the gateway's global rate limit has left for the caller the request was counted against. */
const remaining = (answer: Answer) => Number(answer.headers['x-ratelimit-remaining']);

/**
 * A reverse proxy that appends its peer to X-Forwarded-For, as nginx's `$proxy_add_x_forwarded_for` does, for a
 * dashboard that reaches the gateway through nginx (the cluster's DASHBOARD_GATEWAY_URL).
 */
async function appendingProxy(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((incoming, outgoing) => {
    const seen = incoming.headers['x-forwarded-for'];
    const headers = {
      ...incoming.headers,
      'x-forwarded-for': `${seen ? `${seen}, ` : ''}${incoming.socket.remoteAddress}`,
    };
    const upstream = request(`${target}${incoming.url}`, { method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const tokenInfo = { tool_name: 'market.token_info', parameters: { symbol: 'BTC' } };

/**
 * A gateway and a tool server on loopback, as `npm start` runs them, and a dashboard in front of them listening on
 * every address (HOST=0.0.0.0, the default), so a test can reach it from this machine and from the network.
 */
describe.skipIf(!outside)('the dashboard passes the client on to the upstreams', () => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let tools: Awaited<ReturnType<typeof buildToolServer>>;
  let dashboard: Awaited<ReturnType<typeof buildDashboardApp>>;
  let port: number;
  const local = () => `http://127.0.0.1:${port}`;
  const remote = () => `http://${outside}:${port}`;

  beforeAll(async () => {
    ctx = await createTestContext({ env: { ENV: 'dev', DEMO_DATA: 'true' } });
    gateway = await startGateway(ctx);
    tools = await buildToolServer(ctx, gateway.platform.tools);
    await tools.listen({ port: 0, host: '127.0.0.1' });
    ctx.config.DASHBOARD_GATEWAY_URL = gateway.url;
    ctx.config.DASHBOARD_TOOLS_URL = `http://127.0.0.1:${(tools.server.address() as AddressInfo).port}`;
    dashboard = await buildDashboardApp(ctx, await loadDashboardBuild(), gateway.platform.tools.registry);
    await dashboard.listen({ port: 0, host: '0.0.0.0' });
    port = (dashboard.server.address() as AddressInfo).port;
  }, 120_000);

  afterAll(async () => {
    await dashboard?.close();
    await tools?.close();
    await gateway?.close();
    await ctx?.close();
  });

  it('runs a token-free dev tool call only for a caller on this machine, not for one it forwards from elsewhere', async () => {
    const host = { host: `localhost:${port}` };
    // On this machine, as the tool server would answer it directly.
    expect((await call(`${local()}/execute`, { headers: host, json: tokenInfo })).status).toBe(200);
    // From another address: the tool server answers 401 to it directly, and must through the dashboard too.
    const forwarded = await call(`${remote()}/execute`, { from: outside, headers: host, json: tokenInfo });
    expect(forwarded.status).toBe(401);
    expect(forwarded.body.error.code).toBe('unauthorized');
    // Naming loopback in the caller's own headers changes nothing.
    const spoofing = await call(`${remote()}/execute`, {
      from: outside,
      headers: { ...host, 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' },
      json: tokenInfo,
    });
    expect(spoofing.status).toBe(401);
    // With a token it runs, forwarded or not.
    const token = await ctx.auth.sign({ sub: 'forwarded-user', role: 'user' }, '1h');
    expect(
      (
        await call(`${remote()}/execute`, {
          from: outside,
          headers: { ...host, authorization: `Bearer ${token}` },
          json: tokenInfo,
        })
      ).status,
    ).toBe(200);
  });

  it('keeps a dashboard user to a rate-limit bucket of their own, apart from this machine and other users', async () => {
    const agents = () => `${remote()}/api/v1/agents`;
    const first = await call(agents(), { from: outside });
    expect(first.status).toBe(200);
    // This machine, through the dashboard and directly, counts against loopback's bucket, not the caller's.
    const localViaDashboard = remaining(await call(`${local()}/api/v1/agents`));
    expect(remaining(await call(`${gateway.url}/api/v1/agents`))).toBe(localViaDashboard - 1);
    expect(remaining(await call(agents(), { from: outside }))).toBe(remaining(first) - 1);
    // A caller on the network cannot name another address to the dashboard (TRUST_PROXY trusts only loopback).
    expect(remaining(await call(agents(), { from: outside, headers: { 'x-forwarded-for': '198.51.100.9' } }))).toBe(
      remaining(first) - 2,
    );
  });

  it('is no local caller for the tool server when a proxy in front of the dashboard forwarded it', async () => {
    // A local nginx in front of the dashboard: its peer is loopback, but the request is someone else's.
    const viaProxy = await call(`${local()}/execute`, {
      headers: { host: `localhost:${port}`, 'x-forwarded-for': outside! },
      json: tokenInfo,
    });
    expect(viaProxy.status).toBe(401);
  });
});

/**
 * Behind nginx with TRUST_PROXY=1 everywhere: nginx (here the test, from loopback) reports the client to the
 * dashboard, which reaches the gateway directly (Compose, Kubernetes) or through nginx again (the cluster).
 */
describe('behind nginx with TRUST_PROXY=1', () => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let proxy: { url: string; server: Server };
  const dashboards: Array<Awaited<ReturnType<typeof buildDashboardApp>>> = [];
  const urls: Record<'direct' | 'throughNginx', string> = { direct: '', throughNginx: '' };

  beforeAll(async () => {
    ctx = await createTestContext({ env: { TRUST_PROXY: '1', DEMO_DATA: 'true' } });
    gateway = await startGateway(ctx);
    proxy = await appendingProxy(gateway.url);
    for (const [name, gatewayUrl] of [
      ['direct', gateway.url],
      ['throughNginx', proxy.url],
    ] as const) {
      const config = { ...ctx.config, DASHBOARD_GATEWAY_URL: gatewayUrl };
      const dashboard = await buildDashboardApp(
        { ...ctx, config },
        await loadDashboardBuild(),
        gateway.platform.tools.registry,
      );
      await dashboard.listen({ port: 0, host: '127.0.0.1' });
      dashboards.push(dashboard);
      urls[name] = `http://127.0.0.1:${(dashboard.server.address() as AddressInfo).port}`;
    }
  }, 120_000);

  afterAll(async () => {
    for (const dashboard of dashboards) await dashboard.close();
    proxy?.server.close();
    await gateway?.close();
    await ctx?.close();
  });

  it('reads TRUST_PROXY=1 as one hop plus any proxy on this machine', () => {
    const oneHop = loadConfig({ TRUST_PROXY: '1' }).trustProxy as (address: string, hop: number) => boolean;
    expect([oneHop('127.0.0.1', 1), oneHop('198.51.100.1', 1)]).toEqual([true, false]);
  });

  for (const path of ['direct', 'throughNginx'] as const)
    it(`counts each client nginx reports against their own bucket (dashboard to gateway ${path})`, async () => {
      const base = path === 'direct' ? 10 : 20;
      const as = (client: string) => call(`${urls[path]}/api/v1/agents`, { headers: { 'x-forwarded-for': client } });
      const alice = remaining(await as(`203.0.113.${base}`));
      const bob = remaining(await as(`203.0.113.${base + 1}`));
      expect(bob).toBe(alice);
      expect(remaining(await as(`203.0.113.${base}`))).toBe(alice - 1);
      // An entry the client wrote before nginx's own is not theirs to choose: still the client nginx saw.
      expect(remaining(await as(`198.51.100.1, 203.0.113.${base}`))).toBe(alice - 2);
      expect(remaining(await as(`203.0.113.${base + 1}`))).toBe(bob - 1);
    });
});
