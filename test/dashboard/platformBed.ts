import axe from 'axe-core';
import { type Browser, chromium, type ConsoleMessage, type Page } from 'playwright-core';
import type { Component } from '../../src/core/module.ts';
import type { AddressInfo } from 'node:net';
import { buildDashboardApp } from '../../src/modules/dashboard/app.ts';
import { loadDashboardBuild } from '../../src/modules/dashboard/build.ts';
import { buildToolServer } from '../../src/modules/tools/index.ts';
import { createPlatform } from '../../src/platform.ts';
import { components } from '../../src/runtime/components.ts';
import { createTestContext } from '../support/context.ts';
import { freePort } from '../support/ports.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';

/** Debian's Chromium, which scripts/ensure-services.ts installs. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A running platform for the browser: the gateway, tool server, arbitrage engine and dashboard on ports of their
 * own, the demo feed in an in-memory database, ENV=dev (the dev sign-in), and the dashboard reaching the gateway
 * through a TCP proxy a test can cut to drop the stream connection.
 */
export interface DashboardBed {
  url: string;
  gatewayUrl: string;
  gatewayLink: TcpProxy;
  /** An admin token, to ingest items through the API. */
  adminToken: string;
  /** A user token, to sign in with. */
  userToken: string;
  browser: Browser;
  /**
   * A tool server and a dashboard as outside development (ENV=production) on the same platform: the tool server
   * runs no call without a token. Closed with the bed.
   */
  outsideDev(): Promise<{ url: string }>;
  close(): Promise<void>;
}

export async function startDashboardBed(): Promise<DashboardBed> {
  const [port, mcpPort, arbitragePort, dashboardPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const gatewayLink = await startTcpProxy('127.0.0.1', port);
  const ctx = await createTestContext({
    env: {
      ENV: 'dev',
      HOST: '127.0.0.1',
      DEMO_DATA: 'true',
      PORT: String(port),
      MCP_PORT: String(mcpPort),
      ARBITRAGE_PORT: String(arbitragePort),
      DASHBOARD_PORT: String(dashboardPort),
      DASHBOARD_GATEWAY_URL: `http://127.0.0.1:${gatewayLink.port}`,
      // Every page load asks for many things at once; the per-client limits are not what these tests are about.
      GLOBAL_LIMIT_TIMES: '100000',
      TOOL_RATE_LIMIT_PER_MINUTE: '10000',
      STREAM_CONNECTS_PER_MINUTE: '10000',
    },
  });
  const stops: Array<() => Promise<void>> = [];
  let browser: Browser | undefined;
  try {
    const platform = await createPlatform(ctx);
    const started: Component[] = ['gateway', 'mcp', 'arbitrage', 'dashboard'].map((name) => components[name]!);
    for (const component of started) stops.push(await component.start(platform));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const adminToken = await ctx.auth.sign({ sub: 'dashboard-test-admin', role: 'admin' }, '1h');
    const userToken = await ctx.auth.sign({ sub: 'dashboard-test-user', role: 'user' }, '1h');
    const openBrowser = browser;
    const outsideDev = async () => {
      const production = { ...ctx, config: { ...ctx.config, ENV: 'production' as const } };
      const tools = await buildToolServer(production, platform.tools);
      await tools.listen({ port: 0, host: '127.0.0.1' });
      stops.push(() => tools.close());
      production.config.DASHBOARD_TOOLS_URL = `http://127.0.0.1:${(tools.server.address() as AddressInfo).port}`;
      const dashboard = await buildDashboardApp(production, await loadDashboardBuild(), platform.tools.registry);
      await dashboard.listen({ port: 0, host: '127.0.0.1' });
      stops.push(() => dashboard.close());
      return { url: `http://127.0.0.1:${(dashboard.server.address() as AddressInfo).port}` };
    };
    return {
      outsideDev,
      url: `http://127.0.0.1:${dashboardPort}`,
      gatewayUrl: `http://127.0.0.1:${port}`,
      gatewayLink,
      adminToken,
      userToken,
      browser: openBrowser,
      async close() {
        await openBrowser.close();
        for (const stop of stops.reverse()) await stop();
        await gatewayLink.close();
        await ctx.close();
      },
    };
  } catch (err) {
    await browser?.close();
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await gatewayLink.close();
    await ctx.close();
    throw err;
  }
}

/** Stores an item through the ingest API, as an agent would; resolves with its id. */
export async function ingest(bed: DashboardBed, fields: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${bed.gatewayUrl}/api/v1/intelligence/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bed.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'news', content: '', source: { name: 'Dashboard test' }, ...fields }),
  });
  if (!response.ok) throw new Error(`ingest: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Errors the page logs or throws, as they happen. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/** axe-core's serious and critical violations on the page as it is now (evaluated over CDP, past the page's CSP). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
