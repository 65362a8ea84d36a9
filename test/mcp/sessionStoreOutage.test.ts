import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '../support/services.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import { initializeMessage, rawRequest, startToolServer, type ToolServer } from './toolServer.ts';

/**
 * MCP sessions live in Redis on a cluster. While Redis is away, opening a session and using one are both refused
 * as what they are (the sessions' store did not answer), with Retry-After, never as a full node; once Redis is back,
 * sessions open again.
 */
describe('MCP sessions while their store (Redis) is away', () => {
  let proxy: TcpProxy;
  let server: ToolServer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    const redis = new URL(services.redisUrl);
    proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    const proxied = `redis://127.0.0.1:${proxy.port}`;
    server = await startToolServer({ redis: true, env: { CACHE_URL: proxied, SLAVE_CACHE_URL: proxied } });
    headers = { authorization: `Bearer ${await server.token('ada')}` };
  });
  afterAll(async () => {
    await server?.close();
    await proxy?.close();
  });

  const initialize = () => rawRequest(`${server.url}/mcp`, { headers, json: initializeMessage('2025-11-25') });

  it('refuses a new session and a call in one as unavailable, with Retry-After, and opens them again after', async () => {
    const opened = await initialize();
    expect(opened.status).toBe(200);
    const session = { ...headers, 'mcp-session-id': String(opened.headers['mcp-session-id']) };
    proxy.cut();
    try {
      for (const answer of [
        await initialize(),
        await rawRequest(`${server.url}/mcp`, { headers: session, json: { jsonrpc: '2.0', id: 2, method: 'ping' } }),
      ]) {
        expect(answer.status).toBe(503);
        expect(answer.headers['retry-after']).toBe('5');
        expect(answer.body.error.message).toBe('sessions are unavailable (their store did not answer); retry');
      }
    } finally {
      proxy.restore();
    }
    await expect.poll(async () => (await initialize()).status, { timeout: 20_000, interval: 50 }).toBe(200);
  });
});
