import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { AuthError, type Principal } from '../core/auth/auth.ts';
import type { Config } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { openPlatform, type AlphaNest } from '../platform.ts';
import { answerUnreadableLines, createMcpSurface, forwardStdio } from '../modules/tools/index.ts';
import { DataDirInUseError } from '../core/db/dataDirLock.ts';

/**
 * MCP over stdio for desktop clients: stdout carries nothing but protocol
 * messages (logs go to stderr), and the server ends when the client closes
 * stdin. Calls run as the holder of `token` when one is given, else as a
 * guest, with the same roles and limits as over HTTP.
 */
export async function serveStdio(config: Config, token: string | undefined): Promise<void> {
  // On stderr: stdout carries the protocol.
  const logger = createLogger(config, process.stderr);
  let platform: AlphaNest;
  try {
    platform = await openPlatform(config, { logger });
  } catch (err) {
    // The embedded database belongs to the node already running here: talk to its tool server instead of opening the database a second time.
    if (err instanceof DataDirInUseError) return forwardStdio(`http://127.0.0.1:${config.MCP_PORT}/mcp`, token, logger);
    throw err;
  }
  const { ctx } = platform;
  let principal: Principal | null;
  try {
    principal = token ? await ctx.auth.verify(token) : null;
  } catch (err) {
    await ctx.close();
    // The auth module's reason ("token signature invalid") says what is wrong, not which argument carried it.
    throw err instanceof AuthError ? new AuthError(`--token: ${err.message}`) : err;
  }
  const server = createMcpSurface(platform.tools.registry, platform.tools)({ principal, client: 'stdio' });
  const stop = async () => {
    await server.close();
    await ctx.close();
    process.exit(0);
  };
  process.stdin.once('end', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  const transport = new StdioServerTransport();
  await server.connect(transport);
  // After connect: the server has set its own error handler, which this passes on to.
  answerUnreadableLines(transport, logger);
  logger.info(
    { principal: principal?.sub ?? 'guest', tools: platform.tools.registry.list().length },
    'MCP stdio server ready',
  );
}
