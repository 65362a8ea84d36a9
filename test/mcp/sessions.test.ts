import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoggingMessageNotificationSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { ingest, sessionClient, startTwoNodes, type Route } from './sessionServers.ts';
import { longTools, whenCancelled, whenStarted } from './slowTools.ts';
import { initializeMessage, rawRequest, startToolServer, type ToolServer } from './toolServer.ts';

/** Waits for what notifications bring (no assertion on how long they take). */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 20 });

/** The JSON-RPC messages of an SSE answer, with their event ids. */
function sseEvents(text: string) {
  return text
    .split('\n\n')
    .filter((block) => block.includes('id: '))
    .map((block) => {
      const id = /^id: (.+)$/m.exec(block)![1]!;
      const data = /^data: (.*)$/m.exec(block)?.[1]?.trim();
      return { id, message: data ? JSON.parse(data) : undefined };
    });
}

describe('MCP sessions across two nodes (Redis sessions and event logs, RabbitMQ items)', () => {
  let nodes: Awaited<ReturnType<typeof startTwoNodes>>;
  let token: string;
  const route: Route = { url: '' };

  beforeAll(async () => {
    nodes = await startTwoNodes({ domains: [longTools] });
    token = await nodes.a.token('ada');
    route.url = nodes.a.url;
  });
  afterAll(() => nodes?.close());

  it('opens a session, serves it on either node, refuses it to another user, and ends it with DELETE', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const init = await rawRequest(`${nodes.a.url}/mcp`, { headers, json: initializeMessage('2025-11-25') });
    expect(init.status).toBe(200);
    const session = init.headers['mcp-session-id'] as string;
    expect(session).toMatch(/^[0-9a-f-]{36}$/);
    // POSTs are answered as SSE: the priming event, then the result, each with an id.
    const [priming, answer] = sseEvents(init.body);
    expect(priming!.message).toBeUndefined();
    expect(answer!.message.result.capabilities).toMatchObject({
      resources: { subscribe: true },
      logging: {},
      completions: {},
    });

    const call = {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'shop.generate_theme', arguments: { description: 'surf shop' } },
    };
    const sessionHeaders = { ...headers, 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' };
    // A call that sends no notifications is answered as JSON, on either node.
    const onB = await rawRequest(`${nodes.b.url}/mcp`, { headers: sessionHeaders, json: call });
    expect(onB.status).toBe(200);
    expect(onB.headers['content-type']).toMatch(/^application\/json/);
    expect(onB.body.result.structuredContent).toMatchObject({ mood: 'ocean' });
    // One that asks for progress gets an SSE stream: its priming event, then its result, each with an id.
    const withProgress = { ...call, id: 3, params: { ...call.params, _meta: { progressToken: 'p-3' } } };
    const streamed = await rawRequest(`${nodes.b.url}/mcp`, { headers: sessionHeaders, json: withProgress });
    expect(streamed.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = sseEvents(streamed.body);
    expect(events.at(-1)!.message.result.structuredContent).toMatchObject({ mood: 'ocean' });

    // The call's stream, resumed from its priming event on the other node, replays the result.
    const replay = new AbortController();
    const resumed = await fetch(`${nodes.a.url}/mcp`, {
      headers: { ...sessionHeaders, accept: 'text/event-stream', 'last-event-id': events[0]!.id },
      signal: replay.signal,
    });
    expect(resumed.status).toBe(200);
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of resumed.body!) {
      text += decoder.decode(chunk as Uint8Array, { stream: true });
      if (text.includes('"id":3')) break;
    }
    replay.abort();
    expect(sseEvents(text).map((e) => e.message?.id)).toEqual([3]);
    expect(sseEvents(text)[0]!.id).toBe(events.at(-1)!.id);

    const stranger = { authorization: `Bearer ${await nodes.a.token('eve')}`, 'mcp-session-id': session };
    expect((await rawRequest(`${nodes.b.url}/mcp`, { headers: stranger, json: call })).status).toBe(404);
    expect((await rawRequest(`${nodes.b.url}/mcp`, { headers, json: call })).status).toBe(400);

    expect((await rawRequest(`${nodes.b.url}/mcp`, { method: 'DELETE', headers: sessionHeaders })).status).toBe(200);
    const after = await rawRequest(`${nodes.a.url}/mcp`, { headers: sessionHeaders, json: call });
    expect(after).toMatchObject({ status: 404, body: { error: { code: -32001 } } });
  });

  it('serves the live intelligence resources, their templates and completions', async () => {
    const { client } = await sessionClient({ url: nodes.b.url }, token);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('intelligence://latest');
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      'intelligence://agents/{agent_id}',
      'intelligence://tokens/{symbol}',
    ]);
    const sol = await ingest(nodes.a, { tokens: ['SOL'], agent_id: 'security-watch', title: 'Solana bridge drained' });
    const read = async (uri: string) =>
      JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text);
    expect((await read('intelligence://tokens/solana')).items.map((i: { id: string }) => i.id)).toContain(sol.id);
    expect((await read('intelligence://agents/security-watch')).items[0].id).toBe(sol.id);
    await expect(client.readResource({ uri: 'intelligence://agents/nobody' })).rejects.toThrow(
      /agent_id: unknown agent/,
    );
    await expect(client.subscribeResource({ uri: 'alphanest://reference/agents' })).rejects.toThrow(/uri: only/);

    const agents = await client.complete({
      ref: { type: 'ref/resource', uri: 'intelligence://agents/{agent_id}' },
      argument: { name: 'agent_id', value: 'sec' },
    });
    expect(agents.completion.values).toEqual(['security-watch']);
    const tokens = await client.complete({
      ref: { type: 'ref/prompt', name: 'token_briefing' },
      argument: { name: 'token', value: 'SO' },
    });
    expect(tokens.completion.values).toContain('SOL');
    await client.close();
  });

  it('notifies a subscription once per matching item stored on any node, and stops on unsubscribe', async () => {
    const { client, transport, updates } = await sessionClient({ url: nodes.a.url }, token);
    await client.subscribeResource({ uri: 'intelligence://agents/security-watch' });
    await client.subscribeResource({ uri: 'intelligence://tokens/ETH' });
    const other = await ingest(nodes.b, { agent_id: 'listing-hunter', tokens: ['BTC'] });
    const hack = await ingest(nodes.b, { agent_id: 'security-watch', tokens: ['ETH'] });
    const eth = await ingest(nodes.a, { agent_id: 'listing-hunter', tokens: ['ETH'] });
    await eventually(() => expect(updates.map((u) => u.offset)).toContain(eth.offset));
    expect(updates).toEqual([
      { uri: 'intelligence://agents/security-watch', offset: hack.offset },
      { uri: 'intelligence://tokens/ETH', offset: hack.offset },
      { uri: 'intelligence://tokens/ETH', offset: eth.offset },
    ]);
    expect(updates.map((u) => u.offset)).not.toContain(other.offset);

    await client.unsubscribeResource({ uri: 'intelligence://tokens/ETH' });
    await ingest(nodes.b, { agent_id: 'listing-hunter', tokens: ['ETH'] });
    const last = await ingest(nodes.b, { agent_id: 'security-watch', tokens: ['ETH'] });
    await eventually(() =>
      expect(updates.at(-1)).toEqual({ uri: 'intelligence://agents/security-watch', offset: last.offset }),
    );
    expect(updates).toHaveLength(4);
    await transport.terminateSession();
    await client.close();
  });

  it('sends progress for a call that asks for it, logs at the level set, and aborts a cancelled call', async () => {
    const toward: Route = { url: nodes.a.url };
    const { client } = await sessionClient(toward, token);
    const logs: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, ({ params }) => void logs.push(params));
    await client.setLoggingLevel('info');
    const progress: Progress[] = [];
    const result = await client.callTool({ name: 'slow.steps', arguments: {} }, undefined, {
      onprogress: (p) => progress.push(p),
    });
    expect(result.structuredContent).toEqual({ steps: 3 });
    expect(progress.map((p) => [p.progress, p.total, p.message])).toEqual([
      [1, 3, 'step 1'],
      [2, 3, 'step 2'],
      [3, 3, 'step 3'],
    ]);
    // Info and above: the call's completion, not its debug start.
    expect(logs).toEqual([
      expect.objectContaining({ level: 'info', data: expect.objectContaining({ tool: 'slow.steps', event: 'done' }) }),
    ]);

    // The platform's full arbitrage scan reports each of its three steps, through 3 of 3 (from the engine's
    // current scan, or pricing every candidate when none passes there).
    for (const min_profit_pct of [0, 99]) {
      const steps: Progress[] = [];
      await client.callTool({ name: 'arbitrage.scan', arguments: { min_profit_pct } }, undefined, {
        onprogress: (p) => steps.push(p),
      });
      expect(steps.map((p) => [p.progress, p.total])).toEqual([
        [0, 3],
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
    }

    const running = whenStarted();
    const aborted = whenCancelled();
    const abort = new AbortController();
    const call = client.callTool({ name: 'slow.until_cancelled', arguments: {} }, undefined, { signal: abort.signal });
    await running;
    // The cancellation reaches the other node (as behind a balancer): it is relayed to the one running the call.
    toward.url = nodes.b.url;
    abort.abort('changed my mind');
    await expect(call).rejects.toThrow();
    await aborted;
    await client.close();

    // Without a log level or a progress token the call is answered as JSON, by the session's other protocol server:
    // the cancellation reaches it too.
    const plain = await sessionClient({ url: nodes.b.url }, token);
    const plainRunning = whenStarted();
    const plainAborted = whenCancelled();
    const stop = new AbortController();
    const plainCall = plain.client.callTool({ name: 'slow.until_cancelled', arguments: {} }, undefined, {
      signal: stop.signal,
    });
    await plainRunning;
    stop.abort('no longer needed');
    await expect(plainCall).rejects.toThrow();
    await plainAborted;
    await plain.client.close();
  });

  it('ends the HTTP exchange of a cancelled call (JSON or SSE, cancelled on either node) with -32800', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const init = await rawRequest(`${nodes.a.url}/mcp`, { headers, json: initializeMessage('2025-11-25') });
    const sessionHeaders = {
      ...headers,
      'mcp-session-id': init.headers['mcp-session-id'] as string,
      'mcp-protocol-version': '2025-11-25',
    };
    const cancelledAnswer = { jsonrpc: '2.0', error: { code: -32800, message: 'Request cancelled' } };
    for (const [id, meta, cancelOn] of [
      [11, undefined, nodes.a],
      [12, undefined, nodes.b],
      [13, { progressToken: 'p-13' }, nodes.a],
      [14, { progressToken: 'p-14' }, nodes.b],
    ] as const) {
      const running = whenStarted();
      const aborted = whenCancelled();
      const params = { name: 'slow.until_cancelled', arguments: {}, ...(meta && { _meta: meta }) };
      const call = rawRequest(`${nodes.a.url}/mcp`, {
        headers: sessionHeaders,
        json: { jsonrpc: '2.0', id, method: 'tools/call', params },
      });
      await running;
      const cancel = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: 'stop' } };
      expect((await rawRequest(`${cancelOn.url}/mcp`, { headers: sessionHeaders, json: cancel })).status).toBe(202);
      await aborted;
      const answer = await call;
      expect(answer.status).toBe(200);
      const message = meta ? sseEvents(answer.body).at(-1)!.message : answer.body;
      expect(message).toEqual({ ...cancelledAnswer, id });
    }
    // The id is free again: a new request with it is answered.
    const ping = await rawRequest(`${nodes.a.url}/mcp`, {
      headers: sessionHeaders,
      json: { jsonrpc: '2.0', id: 11, method: 'ping' },
    });
    expect(ping.body).toEqual({ jsonrpc: '2.0', id: 11, result: {} });
  });

  it('resumes on the other node after the one holding the stream stops, missing and repeating nothing', async () => {
    const { client, updates } = await sessionClient(route, token);
    await client.subscribeResource({ uri: 'intelligence://latest' });
    const first = await ingest(nodes.b);
    await eventually(() => expect(updates.map((u) => u.offset)).toEqual([first.offset]));

    // Node A goes; the client's reconnection waits until an item has been stored with no node holding its stream.
    let open: () => void = () => {};
    route.gate = new Promise((resolve) => (open = resolve));
    route.url = nodes.b.url;
    await nodes.stop(nodes.a);
    const during = await ingest(nodes.b);
    open();
    route.gate = undefined;
    const after = await ingest(nodes.b);
    await eventually(() => expect(updates.map((u) => u.offset)).toContain(after.offset));
    expect(updates.map((u) => u.offset)).toEqual([first.offset, during.offset, after.offset]);
    await client.close();
  });
});

describe('MCP sessions on one node without Redis or RabbitMQ (in-process sessions, event log and bus)', () => {
  let server: ToolServer;
  beforeAll(async () => {
    server = await startToolServer({ env: { TOOL_RATE_LIMIT_PER_MINUTE: '10000' } });
  });
  afterAll(() => server?.close());

  it('notifies a token subscription of each matching item once, and forgets the session on DELETE', async () => {
    const { client, transport, updates } = await sessionClient({ url: server.url }, await server.token('ada'));
    await client.subscribeResource({ uri: 'intelligence://tokens/SOL' });
    await ingest(server, { tokens: ['BTC'] });
    const sol = await ingest(server, { tokens: ['SOL', 'ETH'] });
    const again = await ingest(server, { tokens: ['sol'] });
    await eventually(() => expect(updates.map((u) => u.offset)).toContain(again.offset));
    expect(updates).toEqual([
      { uri: 'intelligence://tokens/SOL', offset: sol.offset },
      { uri: 'intelligence://tokens/SOL', offset: again.offset },
    ]);
    const session = transport.sessionId!;
    await transport.terminateSession();
    const gone = await rawRequest(`${server.url}/mcp`, {
      headers: { authorization: `Bearer ${await server.token('ada')}`, 'mcp-session-id': session },
      json: { jsonrpc: '2.0', id: 9, method: 'tools/list' },
    });
    expect(gone.status).toBe(404);
    await client.close();
  });

  it('ends a session with a DELETE that says its empty body is JSON', async () => {
    const headers = { authorization: `Bearer ${await server.token('ada')}` };
    const init = await rawRequest(`${server.url}/mcp`, { headers, json: initializeMessage('2025-11-25') });
    const sessionHeaders = {
      ...headers,
      'mcp-session-id': init.headers['mcp-session-id'] as string,
      'mcp-protocol-version': '2025-11-25',
    };
    const ended = await rawRequest(`${server.url}/mcp`, {
      method: 'DELETE',
      headers: { ...sessionHeaders, 'content-type': 'application/json', 'content-length': '0' },
    });
    expect(ended.status).toBe(200);
    const gone = await rawRequest(`${server.url}/mcp`, {
      headers: sessionHeaders,
      json: { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    });
    expect(gone.status).toBe(404);
    // A POST with an empty body is still no JSON.
    const empty = await rawRequest(`${server.url}/mcp`, {
      headers: { ...sessionHeaders, 'content-type': 'application/json', 'content-length': '0' },
    });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: -32700 } } });
  });
});
