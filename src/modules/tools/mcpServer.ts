import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { z } from 'zod';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type CallToolResult,
  type JSONRPCRequest,
  type LoggingLevel,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { ReferenceResource, ToolPrompt } from '../../core/tool.ts';
import type { TokenFilterKey } from '../intelligence/index.ts';
import type { ConformanceFixtures } from './conformanceFixtures.ts';
import { parseLiveUri, liveResources, type LiveResource } from './liveIntelligence.ts';
import { completer, type CompletionSources } from './mcpCompletions.ts';
import { availablePrompts } from './mcpPrompts.ts';
import { servedResources } from './mcpResources.ts';
import type { ExecuteOptions, ToolOutcome, ToolRegistry } from './registry.ts';

/** JSON-RPC code the MCP specification gives an unknown resource URI. */
const RESOURCE_NOT_FOUND = -32002;

/** Log levels in the order of RFC 5424's severities, least severe first. */
const LEVELS: readonly LoggingLevel[] = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
];

/** Results as MCP carries them: the object as structured content and the same JSON as text for clients that only read text. */
function callToolResult(outcome: ToolOutcome): CallToolResult {
  if (outcome.ok) return { content: [{ type: 'text', text: outcome.json }], structuredContent: outcome.result };
  // Invalid arguments and tool failures are results, not protocol errors, so a model sees them and can correct its call.
  return { content: [{ type: 'text', text: JSON.stringify({ error: outcome.error }) }], isError: true };
}

/** What a session gives its protocol server: where its subscriptions and log level are kept. */
export interface McpSessionHooks {
  subscribe(resource: LiveResource): Promise<void>;
  unsubscribe(uri: string): Promise<void>;
  setLogLevel(level: LoggingLevel): Promise<void>;
  logLevel(): LoggingLevel | undefined;
}

/** The live intelligence resources' sources: how token filters resolve, and the completions' lists. */
export interface LiveSources extends CompletionSources {
  tokenFilterKey: TokenFilterKey;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * `tools/call` as the SDK's schema has it, but with the arguments checked to be an object and passed on as sent:
 * the SDK's record copies them and drops a `__proto__` key on the way, where the registry would refuse it as
 * `invalid_parameters` naming it (as it does a NUL), so a model sees what to fix. JSON parsing made the key an
 * own property, never a prototype.
 */
const CallToolAsSentSchema = CallToolRequestSchema.extend({
  params: CallToolRequestSchema.shape.params.extend({
    arguments: z
      .custom<Record<string, unknown>>(
        (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
        'Invalid input: expected an object of named arguments',
      )
      .optional(),
  }),
});

/** -32602 naming each parameter a request's params schema refused: `arguments.token: Invalid input: expected string, …`. */
function invalidParams(err: z.core.$ZodError): McpError {
  const issues = err.issues.map((issue) => {
    const path = issue.path[0] === 'params' ? issue.path.slice(1) : issue.path;
    return `${path.join('.') || 'params'}: ${issue.message}`;
  });
  return new McpError(ErrorCode.InvalidParams, issues.join('; '));
}

type RequestHandler = (request: JSONRPCRequest, extra: Extra) => Promise<unknown>;

/**
 * An McpError as the protocol server should put it on the wire. McpError's message already reads
 * "MCP error -32602: …" and the SDK sends `error.message` as it is, so a client (the SDK's adds the prefix
 * when it builds its own McpError) showed it twice. The answer carries the code, the data and the bare
 * message; the protocol server reads nothing else of a thrown error.
 */
function onTheWire(err: McpError): Error {
  const prefix = `MCP error ${err.code}: `;
  const bare = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  return Object.assign(new Error(bare), { code: err.code, data: err.data });
}

/**
 * Every request handler of `server` (its own initialize, ping and logging ones too) answers params its schema
 * refuses with -32602 naming them. The SDK checks them before calling the handler and lets the ZodError leave as
 * -32603 Internal error carrying the raw issue list; it has no hook for this, so its handler table, a private
 * field, is read by name (test/mcp/mcp.test.ts sends bad params of each kind and would see it stop working).
 * The handlers' own refusals are McpErrors already, and pass with their bare message (`onTheWire`).
 */
function answerInvalidParams(server: Server) {
  const handlers = (server as unknown as { _requestHandlers: Map<string, RequestHandler> })._requestHandlers;
  for (const [method, handler] of handlers)
    handlers.set(method, async (request, extra) => {
      try {
        return await handler(request, extra);
      } catch (err) {
        // The SDK validates with zod/v4-mini, whose errors are the core class, not the classic ZodError.
        const refusal = err instanceof z.core.$ZodError ? invalidParams(err) : err;
        throw refusal instanceof McpError ? onTheWire(refusal) : refusal;
      }
    });
}

/** Entries per page of `tools/list`, `resources/list`, `resources/templates/list` and `prompts/list`. */
const PAGE_SIZE = 100;

/**
 * One page of a list as the MCP pagination shape has it: the client sends back
 * the `nextCursor` it was given. The lists are fixed while a server runs and
 * the same on every node, so the cursor is the next entry's position (opaque
 * to the client: base64url); anything else is -32602 naming `cursor`.
 */
function page<T>(all: readonly T[], cursor: string | undefined, size: number): { items: T[]; nextCursor?: string } {
  let start = 0;
  if (cursor !== undefined) {
    const decoded = Buffer.from(cursor, 'base64url').toString();
    start = /^(0|[1-9]\d{0,8})$/.test(decoded) ? Number(decoded) : Number.NaN;
    if (!(start < all.length)) throw new McpError(ErrorCode.InvalidParams, 'cursor: not one this server gave out');
  }
  const end = start + size;
  return {
    items: all.slice(start, end),
    ...(end < all.length && { nextCursor: Buffer.from(String(end)).toString('base64url') }),
  };
}

/** The longest prompt argument taken: a token, a symbol or a name, which the prompt's text then quotes. */
const PROMPT_ARGUMENT_MAX_CHARS = 200;

/** -32602 naming the first required argument a `prompts/get` left out, or the first too long to be what it names. */
function requireArguments(
  declared: readonly { name: string; description?: string; required?: boolean }[] | undefined,
  args: Record<string, string>,
) {
  const missing = declared?.find((a) => a.required && !args[a.name]?.trim());
  if (missing) throw new McpError(ErrorCode.InvalidParams, `${missing.name}: required (${missing.description})`);
  const long = Object.entries(args).find(([, value]) => value.length > PROMPT_ARGUMENT_MAX_CHARS);
  if (long)
    throw new McpError(ErrorCode.InvalidParams, `${long[0]}: must be at most ${PROMPT_ARGUMENT_MAX_CHARS} characters`);
}

/**
 * What the platform offers over MCP, worked out once: a protocol server is
 * built from it for every stateless request or every session, which costs
 * microseconds because the tool list and schemas are already made.
 */
export function createMcpSurface(
  registry: ToolRegistry,
  offered: { resources: readonly ReferenceResource[]; prompts: readonly ToolPrompt[]; live?: LiveSources },
  {
    pageSize = PAGE_SIZE,
    fixtures,
  }: {
    pageSize?: number;
    /** The conformance suite's fixtures, served beside the platform's own (MCP_CONFORMANCE_FIXTURES; never in production). */
    fixtures?: ConformanceFixtures;
  } = {},
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
  const live = offered.live && registry.get('intelligence.search') ? offered.live : undefined;
  /** Fixtures that ask the client something are listed only where there is a session to ask over. */
  const toolLists = {
    stateless: [...tools, ...(fixtures?.tools(false) ?? [])],
    session: [...tools, ...(fixtures?.tools(true) ?? [])],
  };
  const resourceList = [
    ...resources.map(({ uri, name, title, description }) => ({
      uri,
      name,
      title,
      description,
      mimeType: 'application/json',
    })),
    ...(live ? [liveResources.static] : []),
    ...(fixtures?.resources ?? []),
  ];
  const templateList = [...(live ? liveResources.templates : []), ...(fixtures?.resourceTemplates ?? [])];
  const promptList = [
    ...prompts.map(({ name, title, description, arguments: args }) => ({ name, title, description, arguments: args })),
    ...(fixtures?.prompts ?? []),
  ];
  const complete = completer({ prompts: promptList, templates: templateList }, live);
  const instructions =
    `AlphaNest crypto market intelligence. Tool domains: ${registry.domains.map((d) => `${d.name} (${d.description})`).join('; ')}. ` +
    'Every result is JSON in structuredContent; failures come back with isError and an error code naming the bad field.' +
    (live
      ? ' Subscribe to intelligence://latest, intelligence://agents/{agent_id} or intelligence://tokens/{symbol} to hear of new items.'
      : '');

  const liveResource = (uri: string) => (live ? parseLiveUri(uri, live.tokenFilterKey) : undefined);

  /**
   * A protocol server acting for one caller (stateless and stdio: `caller`
   * fixed), or for a session, whose every request carries its own caller in
   * its auth info (the token is checked on each request, as without sessions).
   */
  return function serverFor(caller: ExecuteOptions | undefined, session?: McpSessionHooks): Server {
    const callerOf = (extra: Extra): ExecuteOptions => {
      const fromRequest = extra.authInfo?.extra?.caller as ExecuteOptions | undefined;
      const found = caller ?? fromRequest;
      if (!found) throw new McpError(ErrorCode.InternalError, 'no caller for this request');
      return found;
    };
    const server = new Server(
      { name: 'alphanest', title: 'AlphaNest', version: '0.1.0' },
      {
        capabilities: {
          tools: {},
          resources: session && (live || fixtures) ? { subscribe: true } : {},
          prompts: {},
          completions: {},
          ...(session && { logging: {} }),
        },
        instructions,
      },
    );
    /** A log notification on the request's own stream, once the client has set a level that lets it through. */
    const log = (extra: Extra, level: LoggingLevel, data: unknown) => {
      const least = session?.logLevel();
      if (!least || LEVELS.indexOf(level) < LEVELS.indexOf(least)) return;
      void extra.sendNotification({ method: 'notifications/message', params: { level, logger: 'alphanest', data } });
    };

    server.setRequestHandler(ListToolsRequestSchema, ({ params }) => {
      const { items, nextCursor } = page(session ? toolLists.session : toolLists.stateless, params?.cursor, pageSize);
      return { tools: items, nextCursor };
    });
    server.setRequestHandler(CallToolAsSentSchema, async ({ params }, extra) => {
      const fixture = fixtures?.call(
        params.name,
        params.arguments ?? {},
        { extra, log: (level, data) => log(extra, level, data) },
        session !== undefined,
      );
      if (fixture) return fixture;
      if (!registry.get(params.name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
      const progressToken = params._meta?.progressToken;
      const progress =
        progressToken === undefined
          ? undefined
          : (done: number, total?: number, message?: string) =>
              void extra.sendNotification({
                method: 'notifications/progress',
                params: {
                  progressToken,
                  progress: done,
                  ...(total !== undefined && { total }),
                  ...(message && { message }),
                },
              });
      log(extra, 'debug', { tool: params.name, event: 'call' });
      const outcome = await registry.execute(params.name, params.arguments ?? {}, {
        ...callerOf(extra),
        signal: extra.signal,
        progress,
      });
      if (outcome.ok) log(extra, 'info', { tool: params.name, event: 'done', duration_ms: outcome.duration_ms });
      else
        log(extra, outcome.status >= 500 ? 'error' : 'warning', {
          tool: params.name,
          event: 'failed',
          code: outcome.error.code,
          message: outcome.error.message,
        });
      return callToolResult(outcome);
    });
    server.setRequestHandler(ListResourcesRequestSchema, ({ params }) => {
      const { items, nextCursor } = page(resourceList, params?.cursor, pageSize);
      return { resources: items, nextCursor };
    });
    server.setRequestHandler(ListResourceTemplatesRequestSchema, ({ params }) => {
      const { items, nextCursor } = page(templateList, params?.cursor, pageSize);
      return { resourceTemplates: items, nextCursor };
    });
    server.setRequestHandler(ReadResourceRequestSchema, async ({ params }, extra) => {
      const json = (value: unknown) => ({
        contents: [{ uri: params.uri, mimeType: 'application/json', text: JSON.stringify(value) }],
      });
      const resource = resources.find((r) => r.uri === params.uri);
      if (resource) return json(await resource.read(callerOf(extra)));
      const fixture = fixtures?.read(params.uri);
      if (fixture) return fixture;
      const liveOne = liveResource(params.uri);
      if (!liveOne) throw new McpError(RESOURCE_NOT_FOUND, `Resource not found: ${params.uri}`);
      const outcome = await registry.execute('intelligence.search', liveOne.search, {
        ...callerOf(extra),
        signal: extra.signal,
      });
      if (!outcome.ok) throw new McpError(ErrorCode.InvalidParams, `${outcome.error.code}: ${outcome.error.message}`);
      return json(outcome.result);
    });
    if (session && (live || fixtures)) {
      server.setRequestHandler(SubscribeRequestSchema, async ({ params }) => {
        if (fixtures?.subscribable(params.uri)) return {};
        const resource = liveResource(params.uri);
        if (!resource)
          throw new McpError(
            ErrorCode.InvalidParams,
            `uri: only intelligence:// resources change; ${params.uri} is not one (resources/templates/list)`,
          );
        await session.subscribe(resource);
        return {};
      });
      server.setRequestHandler(UnsubscribeRequestSchema, async ({ params }) => {
        await session.unsubscribe(params.uri);
        return {};
      });
    }
    if (session)
      server.setRequestHandler(SetLevelRequestSchema, async ({ params }) => {
        await session.setLogLevel(params.level);
        return {};
      });
    server.setRequestHandler(CompleteRequestSchema, ({ params }) => ({
      completion:
        fixtures?.complete(params.ref, params.argument.name, params.argument.value) ??
        complete(params.ref, params.argument.name, params.argument.value),
    }));
    server.setRequestHandler(ListPromptsRequestSchema, ({ params }) => {
      const { items, nextCursor } = page(promptList, params?.cursor, pageSize);
      return { prompts: items, nextCursor };
    });
    server.setRequestHandler(GetPromptRequestSchema, ({ params }) => {
      const args = params.arguments ?? {};
      const fixture = fixtures?.prompt(params.name);
      if (fixture) {
        requireArguments(fixture.prompt.arguments, args);
        return { description: fixture.prompt.description, messages: fixture.messages(args) };
      }
      const prompt = prompts.find((p) => p.name === params.name);
      if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${params.name}`);
      requireArguments(prompt.arguments, args);
      return {
        description: prompt.description,
        messages: [{ role: 'user', content: { type: 'text', text: prompt.text(args) } }],
      };
    });
    answerInvalidParams(server);
    return server;
  };
}

export type McpServerFactory = ReturnType<typeof createMcpSurface>;
