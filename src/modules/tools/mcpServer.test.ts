import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestContext } from '../../../test/support/context.ts';
import type { AppContext } from '../../core/context.ts';
import { defineTool, type ReferenceResource } from '../../core/tool.ts';
import { createMemoryCallLimiter } from './callLimiter.ts';
import { createMcpSurface } from './mcpServer.ts';
import { createToolRegistry } from './registry.ts';

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

describe('MCP list pagination', () => {
  let ctx: AppContext;
  let client: Client;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
    const registry = createToolRegistry(ctx, [{ name: 'paged', description: 'many tools', tools }], {
      limiter: createMemoryCallLimiter({ perMinute: 1_000 }),
    });
    const serverFor = createMcpSurface(registry, { resources, prompts: [] }, { pageSize: 3 });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await serverFor({ principal: null }).connect(serverSide);
    client = new Client({ name: 'pager', version: '1.0.0' });
    await client.connect(clientSide);
  });
  afterAll(async () => {
    await client?.close();
    await ctx?.close();
  });

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
