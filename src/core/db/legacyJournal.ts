import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Drizzle } from './database.ts';
import type { MigrationsConfig, ModuleMigrations } from './moduleMigrations.ts';

/**
 * Before modules owned their migrations, one central journal recorded them in
 * `__drizzle_migrations` in the platform's schema, each by the `when` of its journal entry
 * (drizzle's migrator knows a migration ran by that alone).
 */
const LEGACY_TABLE = '__drizzle_migrations';
const legacyWhen: Record<string, number> = {
  '0000_intelligence': 1763683200000,
  '0001_stream': 1763683201000,
  '0002_agents': 1763683202000,
  '0003_clan': 1763683203000,
  '0004_chat': 1763683204000,
  '0005_chat_acting_users': 1763683205000,
};

type Rows<T> = { rows: T[] };
type Journal = { entries: Array<{ tag: string }> };

/**
 * A database the central journal migrated already has the module's tables: when its own
 * journal is still empty and the central one shows every migration that made them, this records
 * the module's migrations up to its baseline as applied, so they are not run again. The central
 * journal stays: nothing reads it once every module has a journal, and the release before this
 * one still starts on such a database. Returns whether it adopted.
 */
export async function adoptLegacyJournal(
  db: Drizzle,
  config: MigrationsConfig,
  { module, legacy }: Required<ModuleMigrations>,
): Promise<boolean> {
  const schema = sql.identifier(config.migrationsSchema);
  const journal = sql`${schema}.${sql.identifier(config.migrationsTable)}`;
  // The same table drizzle's migrator creates, so it takes over from here.
  await db.execute(
    sql`CREATE TABLE IF NOT EXISTS ${journal} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
  );
  const recorded = (await db.execute(sql`SELECT 1 FROM ${journal} LIMIT 1`)) as unknown as Rows<unknown>;
  if (recorded.rows.length) return false;
  const qualified = `"${config.migrationsSchema.replaceAll('"', '""')}".${LEGACY_TABLE}`;
  const found = (await db.execute(sql`SELECT to_regclass(${qualified}) AS name`)) as unknown as Rows<{ name: unknown }>;
  if (!found.rows[0]?.name) return false;

  const legacyJournal = sql`${schema}.${sql.identifier(LEGACY_TABLE)}`;
  const applied = (await db.execute(sql`SELECT created_at FROM ${legacyJournal}`)) as unknown as Rows<{
    created_at: string | number;
  }>;
  const ran = new Set(applied.rows.map((row) => Number(row.created_at)));
  const missing = legacy.tags.filter((tag) => !ran.has(whenOf(tag)));
  if (missing.length === legacy.tags.length) return false; // the module's tables are new to this database
  if (missing.length) {
    throw new Error(
      `${module}: the central journal never ran ${missing.join(', ')}; ` +
        'migrate this database with the release before module migrations first',
    );
  }
  const baseline = baselineMigrations(config.migrationsFolder, legacy.baseline);
  await db.transaction(async (tx) => {
    for (const { hash, folderMillis } of baseline) {
      await tx.execute(sql`INSERT INTO ${journal} (hash, created_at) VALUES (${hash}, ${folderMillis})`);
    }
  });
  return true;
}

function whenOf(tag: string): number {
  const when = legacyWhen[tag];
  if (when === undefined) throw new Error(`${tag} is not a migration of the central journal`);
  return when;
}

/** The folder's migrations up to and including `tag`, as drizzle's migrator reads them. */
function baselineMigrations(folder: string, tag: string) {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as Journal;
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  if (last < 0) throw new Error(`${folder} has no migration ${tag}`);
  return readMigrationFiles({ migrationsFolder: folder }).slice(0, last + 1);
}
