import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions
 * wire format (POST /v1/chat/completions, plain JSON or `stream: true` SSE
 * ending in `data: [DONE]`). Tests script what "the model" answers, one
 * reply per request, and read back what the client sent. Works for one-shot
 * structured output as well as multi-step tool-calling loops: queue a
 * tool_calls reply, then the text reply the model gives after the tool ran,
 * and check `requests[1].body.messages` for the tool result.
 */

export interface ScriptedToolCall {
  /** Defaults to call_<n>. */
  id?: string;
  name: string;
  /** The JSON arguments exactly as the model would send them (may be malformed on purpose). */
  arguments: string;
}

export type ScriptedReply = { delayMs?: number } & (
  | { type: 'text'; content: string; finishReason?: 'stop' | 'length' | 'content_filter' }
  | { type: 'tool_calls'; calls: ScriptedToolCall[]; content?: string }
  | { type: 'error'; status: number; message?: string }
  /** Any status and body, e.g. a truncated JSON document. */
  | { type: 'raw'; status: number; body: string; contentType?: string }
);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when there was none or it was not JSON). */
  body: any;
  /** Set when the client hung up before the reply was complete (a cancelled call). */
  aborted: boolean;
}

type ReplyHandler = (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>;

export interface FakeOpenAiServer {
  /** Pass as the provider's baseURL / OPENAI_BASE_URL; ends in /v1. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Replies for the next chat requests, served first in, first out. */
  enqueue(...replies: Array<ScriptedReply | ReplyHandler>): void;
  /** What to answer once the queue is empty (default: HTTP 500 "no scripted reply"). */
  setDefault(reply: ScriptedReply | ReplyHandler): void;
  close(): Promise<void>;
}

export const textReply = (content: string): ScriptedReply => ({ type: 'text', content });
export const jsonReply = (value: unknown): ScriptedReply => ({ type: 'text', content: JSON.stringify(value) });
export const toolCallsReply = (...calls: ScriptedToolCall[]): ScriptedReply => ({ type: 'tool_calls', calls });
export const errorReply = (status: number, message = `scripted error ${status}`): ScriptedReply => ({
  type: 'error',
  status,
  message,
});

export interface FakeOpenAiServerOptions {
  /** Characters per streamed content or arguments delta (small, to exercise reassembly). */
  chunkSize?: number;
}

const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };

function split(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts.length > 0 ? parts : [''];
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function errorBody(status: number, message: string) {
  return {
    error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null },
  };
}

function toolCallsOf(reply: Extract<ScriptedReply, { type: 'tool_calls' }>) {
  return reply.calls.map((call, i) => ({
    id: call.id ?? `call_${i + 1}`,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }));
}

function completion(id: string, model: string, reply: Extract<ScriptedReply, { type: 'text' | 'tool_calls' }>) {
  const message =
    reply.type === 'text'
      ? { role: 'assistant', content: reply.content }
      : { role: 'assistant', content: reply.content ?? null, tool_calls: toolCallsOf(reply) };
  const finishReason = reply.type === 'text' ? (reply.finishReason ?? 'stop') : 'tool_calls';
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: finishReason }],
    usage,
  };
}

function streamChunks(
  id: string,
  model: string,
  reply: Extract<ScriptedReply, { type: 'text' | 'tool_calls' }>,
  size: number,
  withUsage: boolean,
): unknown[] {
  const base = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
  const chunk = (delta: object, finishReason: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const chunks: unknown[] = [chunk({ role: 'assistant', content: '' })];
  const content = reply.type === 'text' ? reply.content : (reply.content ?? '');
  if (content) for (const part of split(content, size)) chunks.push(chunk({ content: part }));
  if (reply.type === 'tool_calls') {
    toolCallsOf(reply).forEach((call, index) => {
      chunks.push(
        chunk({
          tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }],
        }),
      );
      for (const part of split(call.function.arguments, size))
        chunks.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
    });
  }
  chunks.push(chunk({}, reply.type === 'text' ? (reply.finishReason ?? 'stop') : 'tool_calls'));
  if (withUsage) chunks.push({ ...base, choices: [], usage });
  return chunks;
}

export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const chunkSize = options.chunkSize ?? 8;
  const queue: Array<ScriptedReply | ReplyHandler> = [];
  const requests: RecordedRequest[] = [];
  let fallback: ScriptedReply | ReplyHandler = errorReply(500, 'fake OpenAI server: no scripted reply left');
  let served = 0;

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const request: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, aborted: false };
    requests.push(request);
    res.once('close', () => {
      if (!res.writableFinished) request.aborted = true;
    });

    if (req.method === 'GET' && path === '/v1/models')
      return sendJson(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'fake' }] });
    if (req.method !== 'POST' || path !== '/v1/chat/completions')
      return sendJson(res, 404, errorBody(404, `no route ${req.method} ${path}`));

    const next = queue.shift() ?? fallback;
    const reply = typeof next === 'function' ? await next(request) : next;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.type === 'error')
      return sendJson(res, reply.status, errorBody(reply.status, reply.message ?? `scripted error ${reply.status}`));
    if (reply.type === 'raw')
      return void res
        .writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' })
        .end(reply.body);

    const id = `chatcmpl-fake-${++served}`;
    const model = typeof body?.model === 'string' ? body.model : 'fake-model';
    if (body?.stream !== true) return sendJson(res, 200, completion(id, model, reply));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (const chunk of streamChunks(id, model, reply, chunkSize, body?.stream_options?.include_usage === true)) {
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => {
      fallback = reply;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
