import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, type ClientRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { http } from '../support/gateway.ts';
import { initializeMessage, mcpClient, rawRequest, startToolServer, type ToolServer } from './toolServer.ts';

/** Results with the times they were computed at masked (windows that end "now", books stamped with the clock). */
const withoutClock = (result: unknown) =>
  JSON.parse(JSON.stringify(result).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"'));

// Every check holds with sessions (MCP_SESSIONS, kept in Redis here) and in stateless mode.
describe.each([
  ['with sessions', 'true'],
  ['stateless', 'false'],
])('MCP and REST over one registry (%s)', (_mode, sessions) => {
  let server: ToolServer;
  let client: Client;
  let token: string;

  beforeAll(async () => {
    server = await startToolServer({
      backend: 'postgres',
      redis: true,
      env: { DEMO_DATA: 'true', TOOL_RATE_LIMIT_PER_MINUTE: '10000', MCP_SESSIONS: sessions },
    });
    await server.platform.intelligence.seedDemo(300);
    token = await server.token('ada');
    client = await mcpClient(server, token);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('lists every registry tool with its schemas and annotations', async () => {
    const { tools } = await client.listTools();
    const registry = server.platform.tools.registry;
    expect(tools.map((t) => t.name)).toEqual(registry.list().map((t) => t.name));
    for (const tool of tools) {
      const own = registry.get(tool.name)!;
      expect(tool).toMatchObject({
        title: own.title,
        description: own.description,
        inputSchema: { type: 'object' },
        outputSchema: { type: 'object' },
        annotations: own.annotations,
      });
      expect(tool.inputSchema).toEqual(registry.jsonSchemas.get(tool.name)!.input);
    }
    const rest = await http(`${server.url}/tools`);
    expect(rest.body.count).toBe(tools.length);
  });

  it('calls every tool with its example, and REST gives the same result', async () => {
    const { tools } = await client.listTools();
    // intelligence.get's example id is no item of this store: it reads one the store holds instead.
    const stored = await server.platform.tools.registry.execute(
      'intelligence.search',
      { limit: 1 },
      { principal: null },
    );
    const storedId = stored.ok && (stored.result.items as Array<{ id: string }>)[0]!.id;
    for (const { name } of tools) {
      const documented = server.platform.tools.registry.get(name)!.examples?.[0];
      expect(documented, `${name} has an example`).toBeDefined();
      const example = name === 'intelligence.get' ? { input: { id: storedId } } : documented;
      const callMcp = async () => {
        // The SDK client checks structuredContent against the tool's outputSchema itself.
        const result = await client.callTool({ name, arguments: example!.input as Record<string, unknown> });
        expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
        expect(JSON.parse((result.content as Array<{ text: string }>)[0]!.text)).toEqual(result.structuredContent);
        return withoutClock(result.structuredContent);
      };
      const before = await callMcp();
      const viaRest = await http(`${server.url}/execute`, {
        method: 'POST',
        token,
        json: { tool_name: name, parameters: example!.input },
      });
      const after = await callMcp();
      expect(viaRest.status, name).toBe(200);
      // The simulated market moves once a second: REST matches the MCP call on its side of any tick.
      expect([before, after], name).toContainEqual(withoutClock(viaRest.body.result));
    }
  });

  it('reports bad parameters as an isError result naming the field, as REST does with a 400', async () => {
    const parameters = { description: 'tea', brand_color: 'teal' };
    const viaMcp = await client.callTool({ name: 'shop.generate_theme', arguments: parameters });
    expect(viaMcp.isError).toBe(true);
    const { error } = JSON.parse((viaMcp.content as Array<{ text: string }>)[0]!.text);
    expect(error).toMatchObject({ code: 'invalid_parameters', field: 'brand_color' });
    const viaRest = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'shop.generate_theme', parameters },
    });
    expect(viaRest).toMatchObject({ status: 400, body: { tool_name: 'shop.generate_theme', error } });
  });

  it('refuses a prototype key in tool arguments as an isError result naming it, as a NUL', async () => {
    for (const [json, field] of [
      ['{"description":"tea","__proto__":{"brand_color":"#112233"}}', '__proto__'],
      ['{"description":"tea","constructor":{"prototype":{}}}', 'constructor'],
      ['{"description":"tea\\u0000"}', 'description'],
    ] as const) {
      const result = await client.callTool({ name: 'shop.generate_theme', arguments: JSON.parse(json) });
      expect(result.isError).toBe(true);
      const { error } = JSON.parse((result.content as Array<{ text: string }>)[0]!.text);
      expect(error).toMatchObject({ code: 'invalid_parameters', field });
    }
    // Only /mcp reads such a body: REST refuses it before the registry sees it, as before.
    const viaRest = await fetch(`${server.url}/execute`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"tool_name": "shop.generate_theme", "parameters": {"description": "tea", "__proto__": {}}}',
    });
    expect(viaRest.status).toBe(400);
    expect(await viaRest.json()).toMatchObject({ error: { code: 'invalid_parameter', field: 'parameters.__proto__' } });
  });

  it('answers params a request cannot take with -32602 naming the parameter', async () => {
    const refusal = (method: string, params?: Record<string, unknown>) =>
      client.request({ method, params } as ClientRequest, z.object({}).loose()).then(
        () => expect.unreachable(`${method} was answered`),
        (err: { code: number; message: string }) => ({ code: err.code, message: err.message }),
      );
    const cases: Array<readonly [string, Record<string, unknown> | undefined, string]> = [
      ['tools/call', { arguments: {} }, 'name: '],
      ['tools/call', { name: 'shop.generate_theme', arguments: [1] }, 'arguments: '],
      ['resources/read', undefined, 'params: '],
      ['resources/read', {}, 'uri: '],
      ['prompts/get', { name: 'market_briefing', arguments: { symbol: 5 } }, 'arguments.symbol: '],
      ['completion/complete', { argument: { name: 'symbol', value: 'E' } }, 'ref: '],
      ['tools/list', { cursor: 7 }, 'cursor: '],
      ...(sessions === 'true'
        ? ([
            ['logging/setLevel', { level: 'nope' }, 'level: '],
            ['resources/subscribe', {}, 'uri: '],
          ] as const)
        : []),
    ];
    for (const [method, params, named] of cases) {
      const { code, message } = await refusal(method, params);
      expect({ method, code }).toEqual({ method, code: ErrorCode.InvalidParams });
      // One line naming the parameter, not the validator's issue list; the SDK client prefixes the code once.
      expect(message.startsWith(`MCP error ${ErrorCode.InvalidParams}: ${named}`)).toBe(true);
      expect(message).not.toContain('"code"');
    }
  });

  it('answers an unknown tool with a JSON-RPC error', async () => {
    // The wire message is the bare one: the SDK client adds "MCP error -32602: " itself, once.
    await expect(client.callTool({ name: 'shop.nope', arguments: {} })).rejects.toThrow(
      /^MCP error -32602: Unknown tool: shop\.nope$/,
    );
  });

  it('serves reference data as resources', async () => {
    const { resources } = await client.listResources();
    // In composition order: each module contributes its own (intelligence, arbitrage, clan).
    expect(resources.map((r) => r.uri)).toEqual([
      'alphanest://intelligence/high-value',
      'alphanest://intelligence/onchain-alerts',
      'alphanest://reference/agents',
      'alphanest://reference/exchanges',
      'alphanest://reference/clans',
      // The live intelligence (sessions.test.ts subscribes to it).
      'intelligence://latest',
    ]);
    const read = async (uri: string) =>
      JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text);
    expect(await read('alphanest://reference/exchanges')).toEqual({
      source: 'simulated',
      venues: server.platform.arbitrage.source.venues(),
    });
    expect((await read('alphanest://reference/agents')).agents.map((a: { id: string }) => a.id)).toContain(
      'listing-hunter',
    );
    expect((await read('alphanest://reference/clans')).entries.length).toBe(6);
    await expect(client.readResource({ uri: 'alphanest://reference/nope' })).rejects.toThrow(/Resource not found/);
  });

  it('offers prompts that steer to the tools, and names a missing argument', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual([
      'what_moved',
      'token_briefing',
      'market_briefing',
      'shop_theme',
      'getting_started',
    ]);
    const briefing = await client.getPrompt({ name: 'market_briefing', arguments: { symbol: 'ETH/USDT' } });
    expect(briefing.messages[0]!.content).toMatchObject({
      type: 'text',
      text: expect.stringContaining('arbitrage.spread'),
    });
    await expect(client.getPrompt({ name: 'market_briefing', arguments: {} })).rejects.toThrow(/symbol: required/);
  });

  it('completes the arguments of offered prompts and templates, and refuses a reference to anything else', async () => {
    const complete = (ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string }) =>
      client.complete({ ref, argument: { name: 'symbol', value: 'E' } });
    expect((await complete({ type: 'ref/prompt', name: 'market_briefing' })).completion.values).toContain('ETH');
    // An argument the prompt does not take completes to nothing, as one without a list.
    expect((await complete({ type: 'ref/prompt', name: 'what_moved' })).completion.values).toEqual([]);
    await expect(complete({ type: 'ref/prompt', name: 'market_brief' })).rejects.toThrow(
      /^MCP error -32602: Unknown prompt: market_brief$/,
    );
    await expect(complete({ type: 'ref/resource', uri: 'intelligence://tokenz/{symbol}' })).rejects.toThrow(
      /^MCP error -32602: Unknown resource template: intelligence:\/\/tokenz\/\{symbol\}$/,
    );
  });

  // Raw JSON exchanges; sessions.test.ts covers the same revisions over sessions.
  it.runIf(sessions === 'false')(
    'answers clients of the current and earlier protocol revisions in their own',
    async () => {
      for (const version of ['2025-11-25', '2025-06-18', '2025-03-26']) {
        const init = await rawRequest(`${server.url}/mcp`, {
          headers: { authorization: `Bearer ${token}` },
          json: initializeMessage(version),
        });
        expect(init).toMatchObject({
          status: 200,
          body: { result: { protocolVersion: version, capabilities: { tools: {}, resources: {}, prompts: {} } } },
        });
        const call = await rawRequest(`${server.url}/mcp`, {
          headers: { authorization: `Bearer ${token}`, 'mcp-protocol-version': version },
          json: {
            jsonrpc: '2.0',
            id: 2,
            method: 'tools/call',
            params: { name: 'shop.generate_theme', arguments: { description: 'surf shop' } },
          },
        });
        expect(call.body.result.structuredContent).toMatchObject({ mood: 'ocean', all_pairs_pass_aa: true });
      }
    },
  );

  /** A body sent as written, JSON or not. */
  const post = async (body: string) => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body,
    });
    return { status: response.status, body: await response.json() };
  };

  it('answers a body that is not JSON with a JSON-RPC parse error', async () => {
    for (const body of ['{"jsonrpc": "2.0", "method": ', '']) {
      expect(await post(body)).toMatchObject({
        status: 400,
        body: { jsonrpc: '2.0', error: { code: -32700 }, id: null },
      });
    }
  });

  it('answers a prototype key or a NUL outside tool arguments with -32602 naming it', async () => {
    expect(await post('{"jsonrpc": "2.0", "id": 1, "method": "ping", "__proto__": {}}')).toEqual({
      status: 200,
      body: {
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32602, message: '__proto__: "__proto__" is not allowed as a key here' },
      },
    });
    expect(
      await post('{"jsonrpc": "2.0", "id": 2, "method": "resources/read", "params": {"uri": "alphanest://x\\u0000"}}'),
    ).toMatchObject({
      status: 200,
      body: { id: 2, error: { code: -32602, message: expect.stringMatching(/^uri: /) } },
    });
    expect(
      await post('{"jsonrpc": "2.0", "method": "notifications/initialized", "params": {"__proto__": {"x": 1}}}'),
    ).toMatchObject({
      status: 400,
      body: { id: null, error: { code: -32602, message: expect.stringMatching(/^__proto__: /) } },
    });
  });

  it('answers an initialize with invalid params by naming them', async () => {
    const { params } = initializeMessage('2025-11-25');
    const answer = await rawRequest(`${server.url}/mcp`, {
      headers: { authorization: `Bearer ${token}` },
      json: { ...initializeMessage('2025-11-25'), id: 7, params: { ...params, clientInfo: 'raw-client' } },
    });
    expect(answer.body).toMatchObject({ jsonrpc: '2.0', id: 7, error: { code: -32602 } });
    expect(answer.body.error.message).toContain('clientInfo');
  });

  it('documents GET and DELETE /mcp in the OpenAPI document', async () => {
    const { body } = await http(`${server.url}/docs/json`);
    expect(Object.keys(body.paths['/mcp']).sort()).toEqual(['delete', 'get', 'post']);
  });

  it.runIf(sessions === 'false')('is stateless: no session id, and GET or DELETE are not allowed', async () => {
    const init = await rawRequest(`${server.url}/mcp`, {
      headers: { authorization: `Bearer ${token}` },
      json: initializeMessage('2025-11-25'),
    });
    expect(init.headers['mcp-session-id']).toBeUndefined();
    for (const method of ['GET', 'DELETE']) {
      const answer = await rawRequest(`${server.url}/mcp`, { method, headers: { authorization: `Bearer ${token}` } });
      expect(answer).toMatchObject({
        status: 405,
        headers: { allow: 'POST' },
        body: { jsonrpc: '2.0', error: { code: -32000 } },
      });
    }
  });
});
