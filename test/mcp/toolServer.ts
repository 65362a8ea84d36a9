import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Role } from '../../src/core/auth/auth.ts';
import type { AppContext } from '../../src/core/context.ts';
import { platformModules } from '../../src/platform.ts';
import { buildToolServer, toolsModuleWith, type RegistryOptions } from '../../src/modules/tools/index.ts';
import { withToolDomains } from '../support/modules.ts';
import type { ToolDomain } from '../../src/core/tool.ts';
import { createTestContext, type TestContextOptions } from '../support/context.ts';

export interface ToolServerOptions extends TestContextOptions {
  /** Test domains added to the platform's own. */
  domains?: ToolDomain[];
  /** Registry options (e.g. a limiter on the context's Redis with a fixed clock). */
  registry?: (ctx: AppContext) => RegistryOptions;
}

/** The tool server (MCP + REST) on a loopback port, with its test context and tokens for any user. */
export async function startToolServer(options: ToolServerOptions = {}) {
  const ctx = await createTestContext(options);
  const modules = withToolDomains(platformModules, options.domains ?? []);
  const platform = await (options.registry ? modules.replace(toolsModuleWith(options.registry)) : modules).create(ctx);
  const app = await buildToolServer(ctx, platform.tools);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    ctx,
    /** The HTTP app alone: closing it takes the node out of service while its context stays. */
    app,
    platform,
    url,
    port,
    token: (sub: string, role: Role = 'user') => ctx.auth.sign({ sub, role }, '1h'),
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

export type ToolServer = Awaited<ReturnType<typeof startToolServer>>;

/** An MCP SDK client connected to /mcp, signed in when given a token. */
export async function mcpClient(server: ToolServer, token?: string): Promise<Client> {
  const client = new Client({ name: 'alphanest-test', version: '1.0.0' });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }));
  return client;
}

/**
 * A raw HTTP request with headers fetch() will not let a caller set (Host), for the DNS-rebinding checks, and from
 * a chosen local address (`from`), for what a caller on the network is.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; json?: unknown; from?: string },
) {
  const body = options.json === undefined ? undefined : JSON.stringify(options.json);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'POST',
        localAddress: options.from,
        headers: {
          ...(body && { 'content-type': 'application/json' }),
          accept: 'application/json, text/event-stream',
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON-RPC initialize as a client of the given protocol revision sends it. */
export const initializeMessage = (protocolVersion: string) => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw-client', version: '1.0.0' } },
});
