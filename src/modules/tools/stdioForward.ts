import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { errorText, type Logger } from '../../core/logger.ts';

/** JSON-RPC's codes for a line that is not JSON, and for JSON that is not a JSON-RPC message. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

/**
 * Answers what a stdio client sent that the transport could not read (it drops such a line and reports it as
 * an error): a line that is not JSON, or JSON that is not a JSON-RPC message. The client may be waiting on it.
 * JSON-RPC answers it with id null, which the SDK's message types leave out. Other errors go where they went.
 */
export function answerUnreadableLines(transport: StdioServerTransport, logger: Logger): void {
  const before = transport.onerror;
  const unreadable = (code: number, message: string) =>
    void transport.send({ jsonrpc: '2.0', id: null, error: { code, message } } as unknown as JSONRPCMessage);
  transport.onerror = (err) => {
    if (err instanceof SyntaxError) return unreadable(PARSE_ERROR, 'Parse error: the line is not valid JSON');
    if (err instanceof z.core.$ZodError)
      return unreadable(INVALID_REQUEST, 'Invalid Request: not a JSON-RPC 2.0 message');
    if (before) return before(err);
    logger.warn({ err: errorText(err) }, 'MCP stdio error');
  };
}

/**
 * Relays MCP between stdio and a running node's Streamable HTTP endpoint,
 * message by message: the desktop client gets the node's tools, roles and
 * limits exactly as over HTTP. A request the node cannot be asked is answered
 * with a JSON-RPC error rather than left hanging.
 */
export async function forwardStdio(url: string, token: string | undefined, logger: Logger): Promise<void> {
  const upstream = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: token ? { authorization: `Bearer ${token}` } : {} },
  });
  const local = new StdioServerTransport();
  const unreachable = (message: JSONRPCMessage, err: Error) => {
    logger.warn({ url, err: errorText(err) }, 'the running node did not answer');
    if (isJSONRPCRequest(message))
      void local.send({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32603, message: `the AlphaNest node at ${url} did not answer: ${err.message}` },
      });
  };
  const forward = (message: JSONRPCMessage) =>
    void upstream.send(message).catch((err: Error) => unreachable(message, err));

  /**
   * What the client sends while its initialize is unanswered: the node's session id comes with that answer and
   * every later POST must carry it, so these wait for it and then go on in the order they came. Clients send
   * notifications/initialized and their first requests right after initialize, without waiting.
   */
  let initializing: { id: RequestId; held: JSONRPCMessage[] } | undefined;
  const release = () => {
    const held = initializing?.held ?? [];
    initializing = undefined;
    for (const message of held) forward(message);
  };
  local.onmessage = (message) => {
    if (initializing) return void initializing.held.push(message);
    if (!isJSONRPCRequest(message) || message.method !== 'initialize') return forward(message);
    initializing = { id: message.id, held: [] };
    void upstream.send(message).then(
      // Once sent, the session id has come with the response's headers: what is held can go on even when the answer
      // is still streaming, or never comes (the node closed the stream), rather than wait for it for ever.
      () => {
        if (initializing?.id === message.id) release();
      },
      (err: Error) => {
        unreachable(message, err);
        release();
      },
    );
  };
  upstream.onmessage = (message) => {
    void local.send(message);
    const answered = isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);
    if (answered && initializing && message.id === initializing.id) release();
  };
  upstream.onerror = (err) => logger.warn({ url, err: errorText(err) }, 'MCP forwarding error');
  upstream.onclose = release;
  answerUnreadableLines(local, logger);
  const stop = async () => {
    await upstream.close();
    process.exit(0);
  };
  process.stdin.once('end', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await upstream.start();
  await local.start();
  logger.info({ url }, 'DATA_DIR is in use by a running node: forwarding MCP over stdio to its tool server');
}
