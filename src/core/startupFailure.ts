import { resolve, sep } from 'node:path';
import { loadConfig } from './config.ts';
import { DataDirInUseError } from './db/dataDirLock.ts';
import { FolderRefusedError } from './makeDirectory.ts';

/** A start that cannot succeed as configured: the message is one line an operator can act on. */
export class StartupError extends Error {}

/**
 * The one line to print for a failure while starting, or null when the error
 * is unexpected (a bug: printed in full). Exit status 2, like a bad configuration.
 */
export function startupFailureLine(err: unknown): string | null {
  if (err instanceof FolderRefusedError) return saidOfDataDir(err);
  if (err instanceof StartupError)
    return err.cause instanceof FolderRefusedError ? saidOfDataDir(err.cause) : err.message;
  if (err instanceof DataDirInUseError) return err.message;
  const { code, port, address } = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (code === 'EADDRINUSE')
    return `port ${port} on ${address} is already in use: stop the other process, or choose another port (PORT, MCP_PORT, ARBITRAGE_PORT, DASHBOARD_PORT)`;
  if (code === 'EACCES' && port !== undefined)
    return `not allowed to listen on port ${port}: choose a port above 1023 or run with the capability to bind it`;
  return null;
}

/**
 * A folder under DATA_DIR that could not be made (DATA_DIR is a file, under /proc, not writable), said of DATA_DIR:
 * what made it (the database, the key files) knows a path, not the setting. DATA_DIR is read again as the process
 * read it: this runs where the start failed, perhaps before any configuration was loaded.
 */
function saidOfDataDir(refused: FolderRefusedError): string {
  let dataDir: string;
  try {
    dataDir = resolve(loadConfig(process.env).DATA_DIR);
  } catch {
    return refused.message;
  }
  const path = resolve(refused.path);
  const within = path === dataDir || path.startsWith(`${dataDir}${sep}`);
  return within ? `DATA_DIR: ${refused.message}; set DATA_DIR to a folder AlphaNest can write` : refused.message;
}
