/**
 * `npm run db:generate -- <module> [--name <name>] [--custom]`: drizzle-kit writes the module's
 * next migration from the difference between its tables file and its last snapshot, into
 * src/modules/<module>/migrations (--custom: an empty one, for what drizzle cannot express).
 * The new SQL is then made schema-relative (see PUBLIC_QUALIFIER).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { drizzleKit, generateArgs, moduleNamed, PUBLIC_QUALIFIER, root, sqlFiles } from './drizzleKit.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, custom: { type: 'boolean', default: false } },
});
const set = moduleNamed(positionals[0]);
const before = new Set(sqlFiles(set.folder));
const flags = [...(values.name ? ['--name', values.name] : []), ...(values.custom ? ['--custom'] : [])];
if (!drizzleKit([...generateArgs(set, relative(root, set.folder)), ...flags], 'terminal').ok) process.exit(1);
for (const name of sqlFiles(set.folder).filter((file) => !before.has(file))) {
  const path = join(set.folder, name);
  writeFileSync(path, readFileSync(path, 'utf8').replaceAll(PUBLIC_QUALIFIER, ''));
}
