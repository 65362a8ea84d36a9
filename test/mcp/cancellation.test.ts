import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longTools, whenCancelled, whenStarted } from './slowTools.ts';
import { initializeMessage, rawRequest, startToolServer, type ToolServer } from './toolServer.ts';

/** Clients of revisions before 2025-06-18 may batch. */
const BATCHING_REVISION = '2025-03-26';

const call = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'slow.until_cancelled', arguments: {} },
});
const cancel = (id: number) => ({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id } });

/** A tool server with the slow tools, and a POST to its /mcp signed in (in a session of its own with sessions on). */
function mcpServer(sessions: 'true' | 'false') {
  const served = { server: undefined as ToolServer | undefined, headers: {} as Record<string, string> };
  const post = (json: unknown) => rawRequest(`${served.server!.url}/mcp`, { headers: served.headers, json });
  beforeAll(async () => {
    served.server = await startToolServer({ domains: [longTools], env: { MCP_SESSIONS: sessions } });
    served.headers = {
      authorization: `Bearer ${await served.server.token('ada')}`,
      'mcp-protocol-version': BATCHING_REVISION,
    };
    if (sessions === 'true') {
      const init = await post(initializeMessage(BATCHING_REVISION));
      served.headers['mcp-session-id'] = init.headers['mcp-session-id'] as string;
    }
  });
  afterAll(() => served.server?.close());
  return { served, post };
}

// Sessions across nodes: sessions.test.ts ("ends the HTTP exchange of a cancelled call").
describe.each([
  ['with sessions', 'true'],
  ['stateless', 'false'],
] as const)('notifications/cancelled over HTTP (%s)', (_mode, sessions) => {
  const { post } = mcpServer(sessions);

  it('aborts a call cancelled in its own batch and answers it -32800 beside the batch’s other answers', async () => {
    const ping = { jsonrpc: '2.0', id: 22, method: 'ping' };
    for (const batch of [
      [call(21), cancel(21), ping],
      // The cancellation first: the transport hands the protocol server every message of a batch before any runs.
      [cancel(21), call(21), ping],
    ]) {
      const aborted = whenCancelled();
      const answer = await post(batch);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual([
        { jsonrpc: '2.0', id: 21, error: { code: -32800, message: 'Request cancelled' } },
        { jsonrpc: '2.0', id: 22, result: {} },
      ]);
      await aborted;
    }
  });
});

describe('notifications/cancelled over HTTP without sessions', () => {
  const { served, post } = mcpServer('false');

  it('cannot reach a call in another POST, and aborts the call when its connection closes', async () => {
    const running = whenStarted();
    const aborted = whenCancelled();
    let stopped = false;
    void aborted.then(() => (stopped = true));
    const hangUp = new AbortController();
    const pending = fetch(`${served.server!.url}/mcp`, {
      method: 'POST',
      headers: {
        ...served.headers,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(call(31)),
      signal: hangUp.signal,
    });
    await running;
    // Each POST has its own protocol server: the cancellation is taken (202) and reaches nothing.
    expect((await post(cancel(31))).status).toBe(202);
    expect((await post({ jsonrpc: '2.0', id: 32, method: 'ping' })).body).toEqual({
      jsonrpc: '2.0',
      id: 32,
      result: {},
    });
    expect(stopped).toBe(false);
    hangUp.abort();
    await expect(pending).rejects.toThrow();
    await aborted;
  });
});
