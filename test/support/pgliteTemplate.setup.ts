import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import type { Drizzle } from '../../src/core/db/database.ts';
import { migrateModules } from '../../src/core/db/moduleMigrations.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a PGlite data directory with every module's migrations applied (see test/support/context.ts). */
    pgliteTemplatePath: string;
  }
}

const root = join(import.meta.dirname, '../..');
const cacheDir = join(root, 'node_modules/.cache/alphanest');

/**
 * Vitest global setup: one migrated PGlite cluster for the tests to start from. A new cluster costs about 2.5 s of
 * initdb plus a second of migrations; loading this dump costs under one, and the suite opens well over a hundred.
 * It is kept beside the other build caches under node_modules/.cache, named by what made it: PGlite's version and
 * every migration file, so a changed migration makes a new one. Only making one loads the platform.
 */
export default async function setup(project: TestProject): Promise<void> {
  const path = join(cacheDir, `pglite-template-${fingerprint()}.tar`);
  if (!existsSync(path)) {
    const migrations = (await import('../../src/platform.ts')).platformModules.migrations();
    const client = await PGlite.create();
    const db = drizzle(client) as unknown as Drizzle;
    await migrateModules(db, 'public', migrations, (config) => migrate(db as never, config), pino({ level: 'silent' }));
    const dump = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    await client.close();
    mkdirSync(cacheDir, { recursive: true });
    // Written whole under another name first: a run that stops midway leaves no half template behind.
    writeFileSync(`${path}.${process.pid}`, dump);
    renameSync(`${path}.${process.pid}`, path);
    for (const stale of readdirSync(cacheDir)) {
      if (stale.startsWith('pglite-template-') && join(cacheDir, stale) !== path)
        rmSync(join(cacheDir, stale), { force: true });
    }
  }
  project.provide('pgliteTemplatePath', path);
}

function fingerprint(): string {
  const hash = createHash('sha256').update(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json')));
  const sources = join(root, 'src');
  for (const file of readdirSync(sources, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(sources, file);
    if (/(^|\/)migrations\//.test(file) && statSync(path).isFile()) hash.update(file).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}
