import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A request over node:http from a chosen local address, with any Host. */
function call(
  url: string,
  options: { from?: string; method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<Answer> {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        localAddress: options.from,
        headers: { ...(body && { 'content-type': 'application/json' }), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
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

  it('is no local caller for the tool server when a proxy in front of the dashboard forwarded it', async () => {
    // A local nginx in front of the dashboard: its peer is loopback, but the request is someone else's.
    const viaProxy = await call(`${local()}/execute`, {
      headers: { host: `localhost:${port}`, 'x-forwarded-for': outside! },
      json: tokenInfo,
    });
    expect(viaProxy.status).toBe(401);
  });
});
