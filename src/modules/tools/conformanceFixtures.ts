import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CreateMessageResultSchema,
  ElicitResultSchema,
  type CallToolResult,
  type ElicitRequestFormParams,
  type GetPromptResult,
  type LoggingLevel,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplate,
  type ServerNotification,
  type ServerRequest,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';

/**
 * The fixtures the official `@modelcontextprotocol/conformance` server
 * scenarios call (its "everything server" contract: `test_simple_text`,
 * `test://static-text`, `test_simple_prompt`…), with the behaviour each
 * scenario checks. Served beside the platform's own MCP surface only with
 * MCP_CONFORMANCE_FIXTURES=true, which the configuration refuses in
 * production: they are not tools of the registry, so REST, the chat and the
 * production MCP surface never see them.
 */

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** What a fixture tool gets besides its arguments: the request, and the session's log notifications. */
export interface FixtureCall {
  extra: Extra;
  log(level: LoggingLevel, data: unknown): void;
}

/** A 1×1 red PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
/** One silent 16-bit sample of 8 kHz mono PCM. */
const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQIAAAAAAA==';
/** The pause between a fixture's notifications the scenarios describe ("~50ms"), so they arrive as separate events. */
const STEP_MS = 50;
/** How long a fixture waits for the client to answer its sampling or elicitation request. */
const CLIENT_ANSWER_MS = 30_000;

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const noArguments = { type: 'object' as const, properties: {} };

/** A required string argument, or an isError result naming it. */
function stringArgument(args: Record<string, unknown>, name: string): string | CallToolResult {
  const value = args[name];
  if (typeof value === 'string' && value.trim()) return value;
  return { ...text(`${name}: required, a non-empty string`), isError: true };
}

async function elicit(call: FixtureCall, params: ElicitRequestFormParams): Promise<CallToolResult> {
  const answer = await call.extra.sendRequest({ method: 'elicitation/create', params }, ElicitResultSchema, {
    timeout: CLIENT_ANSWER_MS,
  });
  return text(`Elicitation completed: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`);
}

interface FixtureTool {
  tool: Tool;
  /** Sends requests to the client (sampling, elicitation): only with a session, and always on an SSE stream. */
  asksClient?: true;
  run(args: Record<string, unknown>, call: FixtureCall): CallToolResult | Promise<CallToolResult>;
}

const fixtureTools: FixtureTool[] = [
  {
    tool: { name: 'test_simple_text', description: 'Returns simple text', inputSchema: noArguments },
    run: () => text('This is a simple text response for testing.'),
  },
  {
    tool: { name: 'test_image_content', description: 'Returns an image', inputSchema: noArguments },
    run: () => ({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] }),
  },
  {
    tool: { name: 'test_audio_content', description: 'Returns audio', inputSchema: noArguments },
    run: () => ({ content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }] }),
  },
  {
    tool: { name: 'test_embedded_resource', description: 'Returns an embedded resource', inputSchema: noArguments },
    run: () => ({
      content: [
        {
          type: 'resource',
          resource: {
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'This is an embedded resource content.',
          },
        },
      ],
    }),
  },
  {
    tool: {
      name: 'test_multiple_content_types',
      description: 'Returns text, image and resource',
      inputSchema: noArguments,
    },
    run: () => ({
      content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: PNG, mimeType: 'image/png' },
        {
          type: 'resource',
          resource: {
            uri: 'test://mixed-content-resource',
            mimeType: 'application/json',
            text: JSON.stringify({ test: 'data', value: 123 }),
          },
        },
      ],
    }),
  },
  {
    tool: {
      name: 'test_tool_with_logging',
      description: 'Sends three info log notifications',
      inputSchema: noArguments,
    },
    run: async (_args, call) => {
      call.log('info', 'Tool execution started');
      await sleep(STEP_MS, undefined, { signal: call.extra.signal });
      call.log('info', 'Tool processing data');
      await sleep(STEP_MS, undefined, { signal: call.extra.signal });
      call.log('info', 'Tool execution completed');
      return text('Tool with logging executed successfully');
    },
  },
  {
    tool: { name: 'test_error_handling', description: 'Always fails', inputSchema: noArguments },
    run: () => ({ ...text('This tool intentionally returns an error for testing'), isError: true }),
  },
  {
    tool: {
      name: 'test_tool_with_progress',
      description: 'Reports progress 0, 50, 100 of 100',
      inputSchema: noArguments,
    },
    run: async (_args, { extra }) => {
      const progressToken = extra._meta?.progressToken;
      for (const progress of [0, 50, 100]) {
        if (progress) await sleep(STEP_MS, undefined, { signal: extra.signal });
        if (progressToken !== undefined)
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress, total: 100 },
          });
      }
      return text('Tool with progress executed successfully');
    },
  },
  {
    tool: {
      name: 'test_reconnection',
      description: 'Closes its SSE stream mid-call; the result comes on the stream the client resumes',
      inputSchema: noArguments,
    },
    run: (_args, { extra }) => {
      // Only a stream with a priming event (SSE, revision 2025-11-25 on) can be closed and resumed; a JSON answer just returns.
      extra.closeSSEStream?.();
      return text('Reconnection test completed successfully');
    },
  },
  {
    tool: {
      name: 'test_sampling',
      description: 'Asks the client to sample an LLM',
      inputSchema: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'] },
    },
    asksClient: true,
    run: async (args, { extra }) => {
      const prompt = stringArgument(args, 'prompt');
      if (typeof prompt !== 'string') return prompt;
      const answer = await extra.sendRequest(
        {
          method: 'sampling/createMessage',
          params: { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 100 },
        },
        CreateMessageResultSchema,
        { timeout: CLIENT_ANSWER_MS },
      );
      const content = Array.isArray(answer.content) ? answer.content : [answer.content];
      return text(`LLM response: ${content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join(' ')}`);
    },
  },
  {
    tool: {
      name: 'test_elicitation',
      description: 'Asks the client for a username and an email',
      inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    },
    asksClient: true,
    run: (args, call) => {
      const message = stringArgument(args, 'message');
      if (typeof message !== 'string') return message;
      return elicit(call, {
        message,
        requestedSchema: {
          type: 'object',
          properties: {
            username: { type: 'string', description: "User's response" },
            email: { type: 'string', description: "User's email address" },
          },
          required: ['username', 'email'],
        },
      });
    },
  },
  {
    tool: {
      name: 'test_elicitation_sep1034_defaults',
      description: 'Elicits with a default for every primitive type (SEP-1034)',
      inputSchema: noArguments,
    },
    asksClient: true,
    run: (_args, call) =>
      elicit(call, {
        message: 'Please review the defaults',
        requestedSchema: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'User name', default: 'John Doe' },
            age: { type: 'integer', description: 'User age', default: 30 },
            score: { type: 'number', description: 'User score', default: 95.5 },
            status: {
              type: 'string',
              description: 'User status',
              enum: ['active', 'inactive', 'pending'],
              default: 'active',
            },
            verified: { type: 'boolean', description: 'Verification status', default: true },
          },
          required: [],
        },
      }),
  },
  {
    tool: {
      name: 'test_elicitation_sep1330_enums',
      description: 'Elicits with the five enum forms (SEP-1330)',
      inputSchema: noArguments,
    },
    asksClient: true,
    run: (_args, call) =>
      elicit(call, {
        message: 'Please choose',
        requestedSchema: {
          type: 'object',
          properties: {
            untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
            titledSingle: {
              type: 'string',
              oneOf: [
                { const: 'value1', title: 'First Option' },
                { const: 'value2', title: 'Second Option' },
                { const: 'value3', title: 'Third Option' },
              ],
            },
            legacyEnum: {
              type: 'string',
              enum: ['opt1', 'opt2', 'opt3'],
              enumNames: ['Option One', 'Option Two', 'Option Three'],
            },
            untitledMulti: { type: 'array', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
            titledMulti: {
              type: 'array',
              items: {
                anyOf: [
                  { const: 'value1', title: 'First Choice' },
                  { const: 'value2', title: 'Second Choice' },
                  { const: 'value3', title: 'Third Choice' },
                ],
              },
            },
          },
          required: [],
        },
      }),
  },
  {
    tool: {
      name: 'json_schema_2020_12_tool',
      description: 'Tool with JSON Schema 2020-12 features',
      inputSchema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        $defs: {
          address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } },
        },
        properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
        additionalProperties: false,
      },
    },
    run: (args) => text(JSON.stringify(args)),
  },
];

const WATCHED = 'test://watched-resource';
const TEMPLATE = /^test:\/\/template\/([^/]+)\/data$/;

const staticResources: Record<string, { resource: Resource; read: ReadResourceResult['contents'][number] }> = {
  'test://static-text': {
    resource: { uri: 'test://static-text', name: 'static-text', description: 'A static text', mimeType: 'text/plain' },
    read: {
      uri: 'test://static-text',
      mimeType: 'text/plain',
      text: 'This is the content of the static text resource.',
    },
  },
  'test://static-binary': {
    resource: {
      uri: 'test://static-binary',
      name: 'static-binary',
      description: 'A static PNG',
      mimeType: 'image/png',
    },
    read: { uri: 'test://static-binary', mimeType: 'image/png', blob: PNG },
  },
  [WATCHED]: {
    resource: {
      uri: WATCHED,
      name: 'watched-resource',
      description: 'A resource to subscribe to (it never changes)',
      mimeType: 'text/plain',
    },
    read: { uri: WATCHED, mimeType: 'text/plain', text: 'Watched resource content.' },
  },
};

const resourceTemplates: ResourceTemplate[] = [
  {
    uriTemplate: 'test://template/{id}/data',
    name: 'template-data',
    description: 'Data for an id',
    mimeType: 'application/json',
  },
];

export interface FixturePrompt {
  prompt: Prompt;
  /** The messages, once the server has checked the required arguments are there. */
  messages(args: Record<string, string>): GetPromptResult['messages'];
}

const fixturePrompts: FixturePrompt[] = [
  {
    prompt: { name: 'test_simple_prompt', description: 'A prompt without arguments' },
    messages: () => [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } }],
  },
  {
    prompt: {
      name: 'test_prompt_with_arguments',
      description: 'A prompt with two arguments',
      arguments: [
        { name: 'arg1', description: 'First test argument', required: true },
        { name: 'arg2', description: 'Second test argument', required: true },
      ],
    },
    messages: ({ arg1, arg2 }) => [
      { role: 'user', content: { type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } },
    ],
  },
  {
    prompt: {
      name: 'test_prompt_with_embedded_resource',
      description: 'A prompt embedding a resource',
      arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }],
    },
    messages: ({ resourceUri }) => [
      {
        role: 'user',
        content: {
          type: 'resource',
          resource: { uri: resourceUri!, mimeType: 'text/plain', text: 'Embedded resource content for testing.' },
        },
      },
      { role: 'user', content: { type: 'text', text: 'Please process the embedded resource above.' } },
    ],
  },
  {
    prompt: { name: 'test_prompt_with_image', description: 'A prompt with an image' },
    messages: () => [
      { role: 'user', content: { type: 'image', data: PNG, mimeType: 'image/png' } },
      { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
    ],
  },
];

/** What `completion/complete` offers for the arguments of `test_prompt_with_arguments`. */
const ARGUMENT_VALUES = ['paris', 'park', 'party', 'test', 'testing'];

export const conformanceFixtures = {
  /** The fixture tools a protocol server lists: those that ask the client something only where there is a session. */
  tools: (session: boolean): Tool[] => fixtureTools.filter((f) => session || !f.asksClient).map((f) => f.tool),
  /** Tools whose calls must be answered on an SSE stream whatever the request says: they send requests to the client. */
  streamedTools: new Set(fixtureTools.filter((f) => f.asksClient).map((f) => f.tool.name)) as ReadonlySet<string>,
  /** The call's result, or undefined when `name` is no fixture (of this kind of server). */
  call(name: string, args: Record<string, unknown>, call: FixtureCall, session: boolean) {
    const fixture = fixtureTools.find((f) => f.tool.name === name && (session || !f.asksClient));
    return fixture && Promise.resolve(fixture.run(args, call));
  },
  resources: Object.values(staticResources).map((r) => r.resource),
  resourceTemplates,
  read(uri: string): ReadResourceResult | undefined {
    const found = staticResources[uri];
    if (found) return { contents: [found.read] };
    const id = TEMPLATE.exec(uri)?.[1];
    if (id === undefined) return undefined;
    const data = { id, templateTest: true, data: `Data for ID: ${id}` };
    return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(data) }] };
  },
  /** Whether `uri` is the fixture a client may subscribe to (it never changes, so nothing is kept). */
  subscribable: (uri: string) => uri === WATCHED,
  prompts: fixturePrompts.map((p) => p.prompt),
  prompt: (name: string): FixturePrompt | undefined => fixturePrompts.find((p) => p.prompt.name === name),
  /** Completions of the fixture prompt's arguments, or undefined for any other reference. */
  complete(ref: { type: string; name?: string }, argument: string, typed: string) {
    if (ref.type !== 'ref/prompt' || ref.name !== 'test_prompt_with_arguments') return undefined;
    if (argument !== 'arg1' && argument !== 'arg2') return undefined;
    const values = ARGUMENT_VALUES.filter((v) => v.startsWith(typed.toLowerCase()));
    return { values, total: values.length, hasMore: false };
  },
};

export type ConformanceFixtures = typeof conformanceFixtures;
