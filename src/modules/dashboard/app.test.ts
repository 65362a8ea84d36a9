import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../core/context.ts';
import { createTestContext } from '../../../test/support/context.ts';
import { http, type RunningGateway, startGateway } from '../../../test/support/gateway.ts';
import { freePort } from '../../../test/support/ports.ts';
import { buildDashboardApp } from './app.ts';
import { loadDashboardBuild } from './build.ts';
import { keyMetrics } from './status.ts';

let ctx: AppContext;
let gateway: RunningGateway;
let dashboard: Awaited<ReturnType<typeof buildDashboardApp>>;
let url: string;

beforeAll(async () => {
  // A port nothing listens on: the tool server and the arbitrage engine are down in this test.
  const closedPort = await freePort();
  ctx = await createTestContext({
    env: {
      ENV: 'dev',
      // The demo Clan Warz season, for the standings.
      DEMO_DATA: 'true',
      DASHBOARD_TOOLS_URL: `http://127.0.0.1:${closedPort}`,
      DASHBOARD_ARBITRAGE_URL: `http://127.0.0.1:${closedPort}`,
    },
  });
  gateway = await startGateway(ctx);
  ctx.config.DASHBOARD_GATEWAY_URL = gateway.url;
  dashboard = await buildDashboardApp(ctx, await loadDashboardBuild(), gateway.platform.tools.registry);
  await dashboard.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(dashboard.server.address() as { port: number }).port}`;
}, 120_000);

afterAll(async () => {
  await dashboard?.close();
  await gateway?.close();
  await ctx?.close();
});

describe('the dashboard app', () => {
  it('serves each page as HTML with its title, charset, script and a content security policy', async () => {
    const page = await fetch(`${url}/tokens/sol`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>SOL token · AlphaNest</title>');
    const script = /<script type="module" src="([^"]+)"/.exec(html)![1]!;
    const asset = await fetch(`${url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('leaves control characters of the address out of the title, and escapes the rest', async () => {
    const html = await (await fetch(`${url}/tokens/a%00b%01%C2%85%3Cc%3E`)).text();
    expect(html).toContain('<title>AB&lt;C&gt; token · AlphaNest</title>');
  });

  it('shows a browser sent to an address without a page a page that says so; a REST client gets the JSON error', async () => {
    const page = await fetch(`${url}/itemz/%3Cscript%3E?x=1`, { headers: { accept: 'text/html,*/*' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<title>Page not found · AlphaNest</title>');
    expect(html).toContain('<code>/itemz/%3Cscript%3E</code>');
    expect(html).toContain('<nav aria-label="Main">');
    expect(await http(`${url}/itemz`)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('answers /ping, /health and /metrics on its own port, as every component does', async () => {
    expect(await http(`${url}/ping`)).toMatchObject({ status: 200, body: { pong: true } });
    const health = await http(`${url}/health`);
    expect(health.status).toBe(200);
    expect(health.body.status).toMatch(/^(healthy|degraded)$/);
    expect(health.body.services.database).toEqual({ status: 'up' });
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_resident_memory_bytes');
  });

  it('forwards /api to the gateway', async () => {
    const { status, body } = await http(`${url}/api/v1/agents`);
    expect(status).toBe(200);
    expect(body.agents.length).toBeGreaterThan(0);
  });

  it('answers GET /tools with the page for a browser and forwards it for a JSON client', async () => {
    const page = await fetch(`${url}/tools`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Tools · AlphaNest</title>');
    // The tool server is down here: the forwarded request is a 502 naming it, not the page and not a 500.
    const json = await http(`${url}/tools`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(502);
    expect(json.body.error.code).toBe('upstream_unavailable');
    expect(json.body.error.message).toContain('tool server');
  });

  it('reports each service: the gateway healthy, the ones that are down unreachable', async () => {
    const { status, body } = await http(`${url}/status/services`);
    expect(status).toBe(200);
    const byName = Object.fromEntries(body.services.map((s: any) => [s.name, s]));
    expect(byName.gateway.status).toBe('healthy');
    expect(byName.gateway.services.database).toBe('up');
    expect(byName.gateway.metrics.process_resident_memory_bytes).toBeGreaterThan(0);
    expect(byName['tool server'].status).toBe('unreachable');
    expect(byName.arbitrage.status).toBe('unreachable');
  });

  it('reads the Clan Warz standings as a guest, without a token', async () => {
    const { status, body } = await http(`${url}/clans/leaderboard`);
    expect(status).toBe(200);
    expect(body.entries.length).toBeGreaterThan(0);
    expect((await http(`${url}/clans/war`)).status).not.toBe(401);
  });

  it('signs a dev user in with ENV=dev, with a token the gateway accepts', async () => {
    const { status, body } = await http(`${url}/login/dev`, { method: 'POST', json: {} });
    expect(status).toBe(200);
    const conversations = await http(`${url}/api/chat/conversations`, { token: body.token });
    expect(conversations.status).toBe(200);
  });

  it('signs a dev user in only from this machine, not for a remote or proxied caller', async () => {
    const remote = await dashboard.inject({
      method: 'POST',
      url: '/login/dev',
      payload: {},
      remoteAddress: '192.0.2.7',
    });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().error.code).toBe('forbidden');
    const proxied = await dashboard.inject({
      method: 'POST',
      url: '/login/dev',
      payload: {},
      headers: { 'x-forwarded-for': '192.0.2.7' },
    });
    expect(proxied.statusCode).toBe(403);
  });

  it('has no dev sign-in outside ENV=dev', async () => {
    const elsewhere = { ...ctx, config: { ...ctx.config, ENV: 'testing' as const } };
    const app = await buildDashboardApp(elsewhere, await loadDashboardBuild(), gateway.platform.tools.registry);
    try {
      const response = await app.inject({ method: 'POST', url: '/login/dev', payload: {} });
      expect(response.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('keyMetrics', () => {
  it('sums the wanted metrics over their series and skips the rest', () => {
    const text = [
      '# HELP http_requests_total Requests',
      'http_requests_total{route="/a",status="200"} 3',
      'http_requests_total{route="/b",status="404"} 2',
      'stream_connections 4',
      'something_else 9',
      'process_resident_memory_bytes 1.5e+08',
    ].join('\n');
    expect(keyMetrics(text)).toEqual({
      http_requests_total: 5,
      stream_connections: 4,
      process_resident_memory_bytes: 150_000_000,
    });
  });
});
