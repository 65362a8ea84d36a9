import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { defineTool, type ReferenceResource } from '../../core/tool.ts';
import { createMemoryCallLimiter } from './callLimiter.ts';
import { conformanceFixtures } from './conformanceFixtures.ts';
import { createMcpSurface, type McpServerFactory, type McpSessionHooks } from './mcpServer.ts';
import { createToolRegistry, type ToolRegistry } from './registry.ts';

const tools = Array.from({ length: 7 }, (_, n) =>
  defineTool({
    name: `paged.tool_${n}`,
    title: `Tool ${n}`,
    description: 'one of several',
    input: z.object({}),
    output: z.object({}),
    annotations: { readOnlyHint: true },
    role: 'guest',
    handler: async () => ({}),
  }),
);
const resources: ReferenceResource[] = Array.from({ length: 4 }, (_, n) => ({
  uri: `alphanest://reference/paged-${n}`,
  name: `paged-${n}`,
  title: `Paged ${n}`,
  description: 'one of several',
  source: { read: async () => ({ n }) },
}));

let ctx: AppContext;
let registry: ToolRegistry;
beforeAll(async () => {
  ctx = await createTestContext({ backend: 'postgres' });
  registry = createToolRegistry(ctx, [{ name: 'paged', description: 'many tools', tools }], {
    limiter: createMemoryCallLimiter({ perMinute: 1_000 }),
  });
});
afterAll(() => ctx?.close());

/** An SDK client of a protocol server the surface builds: a guest's, or a session's when given its hooks. */
async function clientOf(serverFor: McpServerFactory, session?: McpSessionHooks) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await serverFor(session ? undefined : { principal: null }, session).connect(serverSide);
  const client = new Client({ name: 'pager', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

describe('MCP list pagination', () => {
  let client: Client;

  beforeAll(async () => {
    client = await clientOf(createMcpSurface(registry, { resources, prompts: [] }, { pageSize: 3 }));
  });
  afterAll(() => client?.close());

  it('pages tools/list and resources/list by nextCursor until the last page, which has none', async () => {
    const toolPages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      toolPages.push(page.tools.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(toolPages).toEqual([
      ['paged.tool_0', 'paged.tool_1', 'paged.tool_2'],
      ['paged.tool_3', 'paged.tool_4', 'paged.tool_5'],
      ['paged.tool_6'],
    ]);

    const first = await client.listResources();
    expect(first.resources.map((r) => r.uri)).toEqual(resources.slice(0, 3).map((r) => r.uri));
    const last = await client.listResources({ cursor: first.nextCursor! });
    expect(last.resources.map((r) => r.uri)).toEqual([resources[3]!.uri]);
    expect(last.nextCursor).toBeUndefined();
  });

  it('refuses a cursor it did not give out, naming the field', async () => {
    for (const cursor of [
      '',
      'bm9wZQ',
      Buffer.from('99').toString('base64url'),
      Buffer.from('-1').toString('base64url'),
    ])
      await expect(client.listTools({ cursor })).rejects.toThrow(/cursor: not one this server gave out/);
  });
});

describe('the conformance fixtures (MCP_CONFORMANCE_FIXTURES)', () => {
  const fixtureNames = conformanceFixtures.tools(true).map((t) => t.name);
  const hooks: McpSessionHooks = {
    subscribe: async () => {},
    unsubscribe: async () => {},
    setLogLevel: async () => {},
    logLevel: () => undefined,
  };

  it('are served only by a surface given them, and those that ask the client only to a session', async () => {
    const plain = await clientOf(createMcpSurface(registry, { resources, prompts: [] }));
    const listed = (await plain.listTools()).tools.map((t) => t.name);
    expect(listed.filter((name) => fixtureNames.includes(name))).toEqual([]);
    expect((await plain.listPrompts()).prompts).toEqual([]);
    await plain.close();

    const withFixtures = createMcpSurface(registry, { resources, prompts: [] }, { fixtures: conformanceFixtures });
    const stateless = await clientOf(withFixtures);
    const statelessTools = (await stateless.listTools()).tools.map((t) => t.name);
    expect(statelessTools).toContain('test_simple_text');
    expect(statelessTools).not.toContain('test_sampling');
    await expect(stateless.callTool({ name: 'test_sampling', arguments: { prompt: 'hi' } })).rejects.toThrow(
      /Unknown tool: test_sampling/,
    );
    await stateless.close();

    const session = await clientOf(withFixtures, hooks);
    expect((await session.listTools()).tools.map((t) => t.name)).toEqual([
      ...registry.list().map((t) => t.name),
      ...fixtureNames,
    ]);
    expect(await session.subscribeResource({ uri: 'test://watched-resource' })).toEqual({});
    await session.close();
    // The registry itself (REST /tools, /execute, the chat) never has them.
    expect(
      registry
        .list()
        .map((t) => t.name)
        .filter((name) => fixtureNames.includes(name)),
    ).toEqual([]);
  });

  it("checks a fixture prompt's required arguments as the platform's own prompts are checked", async () => {
    const client = await clientOf(
      createMcpSurface(registry, { resources, prompts: [] }, { fixtures: conformanceFixtures }),
    );
    await expect(client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'a' } })).rejects.toThrow(
      /arg2: required \(Second test argument\)/,
    );
    await client.close();
  });
});
