import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initializeMessage, rawRequest, startToolServer, type ToolServer } from './toolServer.ts';

const INVALID_REQUEST = {
  jsonrpc: '2.0',
  error: { code: -32600, message: expect.stringContaining('empty batch') },
  id: null,
};

/** JSON-RPC 2.0: an empty batch (`[]`) is an Invalid Request answered with one error object, not 202 and nothing. */
describe.each([
  ['stateless', 'false'],
  ['with sessions', 'true'],
])('an empty JSON-RPC batch on /mcp (%s)', (_mode, sessions) => {
  let server: ToolServer;
  beforeAll(async () => {
    server = await startToolServer({ env: { MCP_SESSIONS: sessions } });
  });
  afterAll(async () => server?.close());

  it('is answered 400 with -32600', async () => {
    const authorization = `Bearer ${await server.token('ada')}`;
    const headers: Record<string, string> = { authorization };
    if (sessions === 'true') {
      const opened = await rawRequest(`${server.url}/mcp`, { headers, json: initializeMessage('2025-06-18') });
      expect(opened.status).toBe(200);
      headers['mcp-session-id'] = String(opened.headers['mcp-session-id']);
      headers['mcp-protocol-version'] = '2025-06-18';
    }
    const answer = await rawRequest(`${server.url}/mcp`, { headers, json: [] });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(INVALID_REQUEST);
  });
});

/** HTTP methods the transport does not define. */
describe.each([
  ['stateless', 'false', 'POST'],
  ['with sessions', 'true', 'GET, POST, DELETE'],
])('other requests to /mcp (%s)', (_mode, sessions, allow) => {
  let server: ToolServer;
  beforeAll(async () => {
    server = await startToolServer({ env: { MCP_SESSIONS: sessions } });
  });
  afterAll(async () => server?.close());

  it('answers PUT and PATCH 405 with the methods it takes', async () => {
    for (const method of ['PUT', 'PATCH']) {
      const answer = await rawRequest(`${server.url}/mcp`, { method, json: initializeMessage('2025-06-18') });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe(allow);
    }
  });
});

describe('a second initialize on /mcp with sessions', () => {
  let server: ToolServer;
  beforeAll(async () => {
    server = await startToolServer({ env: { MCP_SESSIONS: 'true' } });
  });
  afterAll(async () => server?.close());

  it('refuses an initialize that names a session, which stays open', async () => {
    const headers: Record<string, string> = { authorization: `Bearer ${await server.token('ada')}` };
    const opened = await rawRequest(`${server.url}/mcp`, { headers, json: initializeMessage('2025-06-18') });
    headers['mcp-session-id'] = String(opened.headers['mcp-session-id']);
    const again = await rawRequest(`${server.url}/mcp`, { headers, json: initializeMessage('2025-06-18') });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({
      code: -32600,
      message: expect.stringContaining('without Mcp-Session-Id'),
    });
    headers['mcp-protocol-version'] = '2025-06-18';
    const ping = await rawRequest(`${server.url}/mcp`, { headers, json: { jsonrpc: '2.0', id: 2, method: 'ping' } });
    expect(ping.body).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
  });
});

/** JSON-RPC 2.0: valid JSON that is no JSON-RPC message is an Invalid Request (-32600), not a parse error (-32700). */
describe.each([
  ['stateless', 'false'],
  ['with sessions', 'true'],
])('valid JSON that is no JSON-RPC message on /mcp (%s)', (_mode, sessions) => {
  let server: ToolServer;
  beforeAll(async () => {
    server = await startToolServer({ env: { MCP_SESSIONS: sessions } });
  });
  afterAll(async () => server?.close());

  it('is answered 400 with -32600 saying what is wrong', async () => {
    const headers = { authorization: `Bearer ${await server.token('ada')}` };
    for (const [json, wrong] of [
      [{ jsonrpc: '2.0', id: { a: 1 }, method: 'ping' }, '"id" must be a string or a number'],
      [{ jsonrpc: '1.0', id: 1, method: 'ping' }, '"jsonrpc" must be "2.0"'],
      ['ping', 'it is not an object'],
      [
        [
          { jsonrpc: '2.0', method: 'notifications/initialized' },
          { jsonrpc: '2.0', id: 2 },
        ],
        'message 1',
      ],
    ] as const) {
      const answer = await rawRequest(`${server.url}/mcp`, { headers, json });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        jsonrpc: '2.0',
        error: { code: -32600, message: expect.stringContaining(wrong) },
        id: null,
      });
    }
  });
});
