/**
 * `npm run check:migrations` (part of `npm test`): for every module, drizzle-kit must find its
 * tables file identical to its last migration's snapshot (a change without a migration fails,
 * naming the module), `drizzle-kit check` must find its journal and snapshots consistent, and
 * its SQL must name no schema (see PUBLIC_QUALIFIER).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  drizzleKit,
  generateArgs,
  modules,
  PUBLIC_QUALIFIER,
  root,
  sqlFiles,
  type ModuleTables,
} from './drizzleKit.ts';

const NOTHING_TO_GENERATE = 'No schema changes, nothing to migrate';

/** What is wrong with one module's migrations, or nothing. */
function problems(set: ModuleTables): string[] {
  const found: string[] = [];
  const folder = relative(root, set.folder);
  const scratch = mkdtempSync(join(tmpdir(), `alphanest-migrations-${set.module}-`));
  try {
    cpSync(set.folder, scratch, { recursive: true });
    // drizzle-kit generate exits 0 even when it fails: only its own words say there was nothing to do.
    const generated = drizzleKit(generateArgs(set, relative(root, scratch)));
    const fresh = sqlFiles(scratch).filter((name) => !sqlFiles(set.folder).includes(name));
    for (const name of fresh) {
      const statements = readFileSync(join(scratch, name), 'utf8');
      found.push(`its tables changed without a migration (npm run db:generate -- ${set.module}):\n${statements}`);
    }
    if (!fresh.length && !generated.output.includes(NOTHING_TO_GENERATE)) {
      found.push(`drizzle-kit generate failed:\n${generated.output}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const checked = drizzleKit(['check', '--dialect', 'postgresql', '--out', folder]);
  if (!checked.ok) found.push(`drizzle-kit check failed:\n${checked.output}`);
  for (const name of sqlFiles(set.folder)) {
    const statements = readFileSync(join(set.folder, name), 'utf8');
    if (statements.includes(PUBLIC_QUALIFIER)) found.push(`${name} names the schema ${PUBLIC_QUALIFIER}`);
  }
  return found;
}

let failed = false;
for (const set of modules) {
  const found = problems(set);
  for (const problem of found) process.stderr.write(`check:migrations: ${set.module}: ${problem}\n`);
  failed ||= found.length > 0;
}
if (failed) process.exit(1);
process.stdout.write(`check:migrations: ${modules.map((set) => set.module).join(', ')}: tables and migrations agree\n`);
