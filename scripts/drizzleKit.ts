import { spawnSync, type StdioOptions } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { platformModules } from '../src/platform.ts';
import type { ModuleMigrations } from '../src/core/db/moduleMigrations.ts';

/** drizzle-kit, the devDependency, run for one module at a time: each module has its own tables and folder. */

export const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'node_modules/drizzle-kit/bin.cjs');

export type ModuleTables = ModuleMigrations & { tables: string };

/** Every module with migrations, each with the tables file beside its folder that they are generated from. */
export const modules: ModuleTables[] = platformModules.migrations().map((set) => ({
  ...set,
  tables: join(dirname(set.folder), 'table.ts'),
}));

export function moduleNamed(name: string | undefined): ModuleTables {
  const found = modules.find((candidate) => candidate.module === name);
  if (!found) throw new Error(`name a module: ${modules.map((candidate) => candidate.module).join(', ')}`);
  return found;
}

/**
 * Runs drizzle-kit from the repository root. Captured, it has no terminal: a question it would
 * ask (a rename?) fails the run instead of waiting for an answer.
 */
export function drizzleKit(args: string[], output: 'capture' | 'terminal' = 'capture') {
  const stdio: StdioOptions = output === 'terminal' ? 'inherit' : ['ignore', 'pipe', 'pipe'];
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', stdio, timeout: 120_000 });
  const failure = run.error ? String(run.error) : '';
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}${failure}` };
}

/** The arguments of `drizzle-kit generate` for a module's tables, writing into `out`. */
export function generateArgs(set: ModuleTables, out: string): string[] {
  return ['generate', '--dialect', 'postgresql', '--schema', relative(root, set.tables), '--out', out];
}

export function sqlFiles(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.sql')) : [];
}

/**
 * drizzle-kit names the schema of the tables a foreign key refers to ("public"); the platform's
 * tables live in whichever schema DATABASE_SCHEMA names, found through the search path, so its
 * migrations must name none.
 */
export const PUBLIC_QUALIFIER = '"public".';
