import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { startToolServer, type ToolServer } from '../mcp/toolServer.ts';
import { createTestContext } from './context.ts';
import { startGateway, type RunningGateway } from './gateway.ts';

/**
 * A gateway and a tool server on one test context, for what every HTTP server of the platform must do (bodies it
 * refuses, encodings it does not read): started before the calling file's tests, closed after them.
 */
export function bothHttpServers() {
  const servers = {} as { ctx: AppContext; gateway: RunningGateway; tools: ToolServer };
  beforeAll(async () => {
    servers.ctx = await createTestContext();
    [servers.gateway, servers.tools] = await Promise.all([startGateway(servers.ctx), startToolServer()]);
  });
  afterAll(async () => {
    await servers.gateway?.close();
    await servers.tools?.close();
    await servers.ctx?.close();
  });
  return servers;
}
