import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { isJSONRPCRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../../core/logger.ts';

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
    logger.warn({ url, err: err.message }, 'the running node did not answer');
    if (isJSONRPCRequest(message))
      void local.send({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32603, message: `the AlphaNest node at ${url} did not answer: ${err.message}` },
      });
  };
  local.onmessage = (message) => void upstream.send(message).catch((err: Error) => unreachable(message, err));
  upstream.onmessage = (message) => void local.send(message);
  upstream.onerror = (err) => logger.warn({ url, err: err.message }, 'MCP forwarding error');
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
