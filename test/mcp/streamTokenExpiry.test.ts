import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initializeMessage, rawRequest, startToolServer, type ToolServer } from './toolServer.ts';

/**
 * A session's token is checked on every request, and an expired token stops working at once (docs/mcp.md): that
 * holds for a held GET stream too, which is cut when its token stops verifying, so it neither keeps delivering
 * notifications nor keeps its session from going idle.
 */
describe('a held MCP GET stream and its token', () => {
  let server: ToolServer;
  beforeAll(async () => {
    server = await startToolServer();
  });
  afterAll(() => server?.close());

  it('is cut when the token that opened it stops verifying', async () => {
    // Expired 28 s ago: verification still allows it for the clock tolerance (30 s), about two seconds more.
    const token = await server.ctx.auth.sign({ sub: 'ada', role: 'user' }, '28s ago');
    const headers = { authorization: `Bearer ${token}` };
    const opened = await rawRequest(`${server.url}/mcp`, { headers, json: initializeMessage('2025-11-25') });
    expect(opened.status).toBe(200);
    const stream = await fetch(`${server.url}/mcp`, {
      headers: {
        ...headers,
        accept: 'text/event-stream',
        'mcp-session-id': String(opened.headers['mcp-session-id']),
        'mcp-protocol-version': '2025-11-25',
      },
    });
    expect(stream.status).toBe(200);
    // The body ends (cut) instead of staying open: reading it to the end returns, or fails as a cut stream does;
    // without the cut this read never finishes and the test times out.
    const reader = stream.body!.getReader();
    await (async () => {
      while (!(await reader.read()).done);
    })().catch(() => {});
    expect(
      (await rawRequest(`${server.url}/mcp`, { headers, json: { jsonrpc: '2.0', id: 2, method: 'ping' } })).status,
    ).toBe(401);
  });
});
