import type { Logger } from '../logger.ts';
import type { Drizzle } from './database.ts';
import { adoptLegacyJournal } from './legacyJournal.ts';

/**
 * One module's migrations: a drizzle-kit folder (SQL files, meta/_journal.json, snapshots)
 * generated from the module's tables, recorded in a bookkeeping table of its own
 * (`__migrations_<module>` in the platform's schema).
 */
export interface ModuleMigrations {
  module: string;
  /** Absolute path of the folder. */
  folder: string;
  /**
   * For databases migrated by the central journal that came before: the central migrations that
   * made this module's tables, and the tag of the module's last migration that makes the same
   * tables (its baseline), which such a database takes as applied instead of running.
   */
  legacy?: { tags: readonly string[]; baseline: string };
}

export interface MigrationsConfig {
  migrationsFolder: string;
  migrationsTable: string;
  migrationsSchema: string;
}

/** Applies one folder: drizzle's migrator for the driver in use, on the connection migrating. */
export type ApplyMigrations = (config: MigrationsConfig) => Promise<void>;

/** Applies each module's migrations in the order given: a module's tables may refer to an earlier one's. */
export async function migrateModules(
  db: Drizzle,
  schema: string,
  sets: readonly ModuleMigrations[],
  apply: ApplyMigrations,
  logger: Logger,
): Promise<void> {
  const modules = sets.map((set) => set.module);
  const repeated = modules.find((module, i) => modules.indexOf(module) !== i);
  if (repeated) throw new Error(`module ${repeated} is listed twice in the migrations`);
  for (const { module, folder, legacy } of sets) {
    const config = { migrationsFolder: folder, migrationsTable: `__migrations_${module}`, migrationsSchema: schema };
    if (legacy && (await adoptLegacyJournal(db, config, { module, folder, legacy }))) {
      logger.info({ module, baseline: legacy.baseline }, 'recorded the baseline the central journal had applied');
    }
    await apply(config);
  }
}
