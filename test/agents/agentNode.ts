import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { Config } from '../../src/core/config.ts';
import { createContext } from '../../src/core/context.ts';
import { createPlatform, platformModules, type AlphaNest } from '../../src/platform.ts';
import { tempDir } from '../support/tempDir.ts';

/** Warnings and errors a node logged, parsed, for asserting on skip reasons. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/**
 * Another node (or the same one after a restart) on a test context's
 * database: closing it leaves the schema for the test context to drop.
 */
export async function startNode(
  config: Config,
  logger: Logger = pino({ level: 'silent' }),
): Promise<{ platform: AlphaNest; close(): Promise<void> }> {
  const ctx = await createContext(config, { logger, migrations: platformModules.migrations() });
  return { platform: await createPlatform(ctx), close: () => ctx.close() };
}

/** Writes a file into a fresh temporary directory and returns its path. */
export function tempFile(name: string, content: string): string {
  const path = join(tempDir('agents'), name);
  writeFileSync(path, content);
  return path;
}
