import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { ReferenceResource, ToolPrompt } from '../../core/tool.ts';
import { availablePrompts } from './mcpPrompts.ts';
import { servedResources } from './mcpResources.ts';
import type { ExecuteOptions, ToolOutcome, ToolRegistry } from './registry.ts';

/** JSON-RPC code the MCP specification gives an unknown resource URI. */
const RESOURCE_NOT_FOUND = -32002;

/** Results as MCP carries them: the object as structured content and the same JSON as text for clients that only read text. */
function callToolResult(outcome: ToolOutcome): CallToolResult {
  if (outcome.ok)
    return { content: [{ type: 'text', text: JSON.stringify(outcome.result) }], structuredContent: outcome.result };
  // Invalid arguments and tool failures are results, not protocol errors, so a model sees them and can correct its call.
  return { content: [{ type: 'text', text: JSON.stringify({ error: outcome.error }) }], isError: true };
}

/**
 * What the platform offers over MCP, worked out once: a new protocol server
 * is built from it for every HTTP request (stateless), which costs
 * microseconds because the tool list and schemas are already made.
 */
export function createMcpSurface(
  registry: ToolRegistry,
  offered: { resources: readonly ReferenceResource[]; prompts: readonly ToolPrompt[] },
) {
  const tools = registry.list().map((tool) => {
    const schemas = registry.jsonSchemas.get(tool.name)!;
    return {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: schemas.input as { type: 'object' },
      outputSchema: schemas.output as { type: 'object' },
      annotations: { title: tool.title, ...tool.annotations },
      _meta: { 'alphanest/role': tool.role },
    };
  });
  const resources = servedResources(offered.resources, registry);
  const prompts = availablePrompts(offered.prompts, registry);
  const instructions =
    `AlphaNest crypto market intelligence. Tool domains: ${registry.domains.map((d) => `${d.name} (${d.description})`).join('; ')}. ` +
    'Every result is JSON in structuredContent; failures come back with isError and an error code naming the bad field.';

  /** A protocol server acting for one caller (their role and rate limit apply to every call). */
  return function serverFor(caller: ExecuteOptions): Server {
    const server = new Server(
      { name: 'alphanest', title: 'AlphaNest', version: '0.1.0' },
      { capabilities: { tools: {}, resources: {}, prompts: {} }, instructions },
    );
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
    server.setRequestHandler(CallToolRequestSchema, async ({ params }, extra) => {
      if (!registry.get(params.name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
      return callToolResult(
        await registry.execute(params.name, params.arguments ?? {}, { ...caller, signal: extra.signal }),
      );
    });
    server.setRequestHandler(ListResourcesRequestSchema, () => ({
      resources: resources.map(({ uri, name, title, description }) => ({
        uri,
        name,
        title,
        description,
        mimeType: 'application/json',
      })),
    }));
    server.setRequestHandler(ReadResourceRequestSchema, async ({ params }) => {
      const resource = resources.find((r) => r.uri === params.uri);
      if (!resource) throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${params.uri}`);
      return {
        contents: [
          { uri: resource.uri, mimeType: 'application/json', text: JSON.stringify(await resource.read(caller)) },
        ],
      };
    });
    server.setRequestHandler(ListPromptsRequestSchema, () => ({
      prompts: prompts.map(({ name, title, description, arguments: args }) => ({
        name,
        title,
        description,
        arguments: args,
      })),
    }));
    server.setRequestHandler(GetPromptRequestSchema, ({ params }) => {
      const prompt = prompts.find((p) => p.name === params.name);
      if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${params.name}`);
      const args = params.arguments ?? {};
      const missing = prompt.arguments.find((a) => a.required && !args[a.name]?.trim());
      if (missing) throw new McpError(ErrorCode.InvalidParams, `${missing.name}: required (${missing.description})`);
      return {
        description: prompt.description,
        messages: [{ role: 'user', content: { type: 'text', text: prompt.text(args) } }],
      };
    });
    return server;
  };
}

export type McpServerFactory = ReturnType<typeof createMcpSurface>;
