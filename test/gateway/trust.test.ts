import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import { startToolServer, type ToolServer } from '../mcp/toolServer.ts';
import type { AppContext } from '../../src/core/context.ts';

/** A made-up client address, as an attacker would put in X-Forwarded-For. */
const spoofed = () => `203.0.113.${randomInt(1, 255)}`;

/** The status of a WebSocket upgrade: 101 when accepted, else the HTTP status of the refusal. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers });
    ws.once('upgrade', () => {
      resolve(101);
      ws.terminate();
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
    });
    ws.once('error', reject);
  });
}

/** The client address the gateway at `url` takes from a request carrying this X-Forwarded-For (`GET /` echoes it). */
const clientIp = async (url: string, forwarded: string) =>
  (await http(`${url}/`, { headers: { 'x-forwarded-for': forwarded } })).body.client_ip;

async function gatewayWith(env: Record<string, string>) {
  const ctx = await createTestContext({ env: { GLOBAL_LIMIT_TIMES: '5', STREAM_CONNECTS_PER_MINUTE: '3', ...env } });
  return { ctx, gateway: await startGateway(ctx) };
}

describe('client addresses and per-client limits', () => {
  const opened: Array<{ ctx: AppContext; gateway: RunningGateway }> = [];
  afterAll(async () => {
    for (const { ctx, gateway } of opened) {
      await gateway.close();
      await ctx.close();
    }
  });

  it('ignores X-Forwarded-For with TRUST_PROXY=false: spoofed addresses share one HTTP and one WebSocket limit', async () => {
    const node = await gatewayWith({ TRUST_PROXY: 'false' });
    opened.push(node);
    const { url } = node.gateway;
    expect((await http(`${url}/`, { headers: { 'x-forwarded-for': '198.51.100.7' } })).body.client_ip).toBe(
      '127.0.0.1',
    );
    const statuses = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await http(`${url}/api/v1/intelligence/?size=1`, { headers: { 'x-forwarded-for': spoofed() } })).status,
      );
    // One request went to GET / above.
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.slice(4).every((s) => s === 429)).toBe(true);
    const upgrades = [];
    for (let i = 0; i < 6; i++)
      upgrades.push(await upgradeStatus(`${url}/ws/v1/intelligence/`, { 'x-forwarded-for': spoofed() }));
    expect(upgrades).toEqual([101, 101, 101, 429, 429, 429]);
  });

  it('with TRUST_PROXY=1 takes the address the proxy in front reports', async () => {
    const node = await gatewayWith({ TRUST_PROXY: '1' });
    opened.push(node);
    const { url } = node.gateway;
    expect(await clientIp(url, '198.51.100.7')).toBe('198.51.100.7');
    // A client-supplied entry before the proxy's own is not trusted: one hop means only the last address counts.
    expect(await clientIp(url, '10.9.9.9, 198.51.100.8')).toBe('198.51.100.8');
    for (let i = 0; i < 8; i++)
      expect(
        (await http(`${url}/api/v1/intelligence/?size=1`, { headers: { 'x-forwarded-for': `198.51.100.${20 + i}` } }))
          .status,
      ).toBe(200);
  });

  it('by default takes the address a peer on this machine reports (the dashboard, a local nginx)', async () => {
    const node = await gatewayWith({});
    opened.push(node);
    const { url } = node.gateway;
    // The test connects from 127.0.0.1: the header counts, and so does the last entry a loopback proxy appended.
    expect(await clientIp(url, '198.51.100.7')).toBe('198.51.100.7');
    expect(await clientIp(url, '10.9.9.9, 198.51.100.8')).toBe('198.51.100.8');
    // (A caller on the network is not trusted: test/dashboard/clientAddress.test.ts connects from one.)
  });

  it('with a list of proxy addresses trusts only those peers', async () => {
    const node = await gatewayWith({ TRUST_PROXY: '10.0.0.0/8' });
    opened.push(node);
    // The test connects from 127.0.0.1, which is not in the list: the header is ignored.
    expect(
      (await http(`${node.gateway.url}/`, { headers: { 'x-forwarded-for': '198.51.100.7' } })).body.client_ip,
    ).toBe('127.0.0.1');
  });
});

describe('browser-facing headers and credentials in URLs', () => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let user: string;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { CORS_ORIGINS: 'https://dash.example' } });
    gateway = await startGateway(ctx);
    user = await ctx.auth.sign({ sub: 'carol', role: 'user' }, '1h');
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
  });

  it('answers CORS only for the configured origins, with credentials only for them', async () => {
    const foreign = await http(`${gateway.url}/api/v1/intelligence/`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await http(`${gateway.url}/api/v1/intelligence/`, { headers: { origin: 'https://dash.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('lets a configured origin delete a conversation: the preflight allows DELETE and the Authorization header', async () => {
    const preflight = await http(`${gateway.url}/api/chat/conversation/00000000-0000-4000-8000-000000000000`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dash.example',
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')?.split(/,\s*/)).toContain('DELETE');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('takes ?token= only on the stream upgrade, never on REST routes', async () => {
    // fetch refuses to send Upgrade, so this one goes over node:http.
    const viaQuery = await new Promise<number>((resolve, reject) => {
      const req = request(`${gateway.url}/api/chat/conversations?token=${user}`, {
        headers: { upgrade: 'websocket', connection: 'upgrade' },
      });
      req.once('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.once('error', reject);
      req.end();
    });
    // Refused as unauthenticated (the role check runs before validation): the query's token is never a credential.
    expect(viaQuery).toBe(401);
    expect((await http(`${gateway.url}/api/chat/conversations`, { token: user })).status).toBe(200);
  });

  it('gives every response a request id, keeping a sane one the client sent', async () => {
    expect((await http(`${gateway.url}/ping`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await http(`${gateway.url}/ping`, { headers: { 'x-request-id': 'edge-42' } })).headers.get('x-request-id'),
    ).toBe('edge-42');
    // Replaced by a fresh UUID (whose hex digits may spell "bad" by chance: compare shapes, not letters).
    expect(
      (await http(`${gateway.url}/ping`, { headers: { 'x-request-id': 'bad id\twith tabs' } })).headers.get(
        'x-request-id',
      ),
    ).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers on the HTML docs and compresses large JSON', async () => {
    const docs = await fetch(`${gateway.url}/docs/`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
    expect(docs.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const spec = await fetch(`${gateway.url}/docs/json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(spec.headers.get('content-encoding')).toBe('gzip');
    expect(Object.keys(((await spec.json()) as { paths: object }).paths).length).toBeGreaterThan(5);
  });
});

describe('JSON-RPC batches on /mcp', () => {
  let server: ToolServer;
  beforeAll(async () => {
    server = await startToolServer({ env: { GLOBAL_LIMIT_TIMES: '10' } });
  });
  afterAll(() => server?.close());

  const batch = (size: number) => Array.from({ length: size }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'ping' }));
  const post = async (body: unknown, token: string) =>
    http(`${server.url}/mcp`, {
      method: 'POST',
      token,
      json: body,
      headers: { accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-03-26' },
    });

  it('counts every message of a batch against the global limit', async () => {
    const token = await server.token('batcher');
    expect((await post(batch(20), token)).status).toBe(429);
    const fresh = await server.token('other');
    expect((await post(batch(60), fresh)).body).toMatchObject({
      error: { message: expect.stringMatching(/at most 50 messages/) },
    });
  });
});
