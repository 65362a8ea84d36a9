import { DataDirInUseError } from './db/dataDirLock.ts';

/** A start that cannot succeed as configured: the message is one line an operator can act on. */
export class StartupError extends Error {}

/**
 * The one line to print for a failure while starting, or null when the error
 * is unexpected (a bug: printed in full). Exit status 2, like a bad configuration.
 */
export function startupFailureLine(err: unknown): string | null {
  if (err instanceof StartupError || err instanceof DataDirInUseError) return err.message;
  const { code, port, address } = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (code === 'EADDRINUSE')
    return `port ${port} on ${address} is already in use: stop the other process, or choose another port (PORT, MCP_PORT, ARBITRAGE_PORT, DASHBOARD_PORT)`;
  if (code === 'EACCES' && port !== undefined)
    return `not allowed to listen on port ${port}: choose a port above 1023 or run with the capability to bind it`;
  return null;
}
