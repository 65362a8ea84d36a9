import type { AppContext } from '../../src/core/context.ts';
import { createPlatform, type AlphaNest } from '../../src/platform.ts';
import { buildGateway } from '../../src/gateway.ts';

export interface RunningGateway {
  platform: AlphaNest;
  url: string;
  close(): Promise<void>;
}

/** A gateway listening on a free loopback port, for tests that use a real HTTP client. */
export async function startGateway(ctx: AppContext): Promise<RunningGateway> {
  const platform = await createPlatform(ctx);
  const app = await buildGateway(platform);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { platform, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** fetch + JSON, returning status, headers and parsed body. */
export async function http(url: string, init: RequestInit & { json?: unknown; token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const response = await fetch(url, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

/** What /health answers on every component of a node whose database, cache, bus and secrets store all answer. */
export const HEALTHY_NODE = {
  status: 'healthy',
  services: {
    database: { status: 'up' },
    cache: { status: 'up' },
    bus: { status: 'up' },
    secrets: { status: 'up' },
  },
};
