import { fileURLToPath } from 'node:url';
import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../db/moduleMigrations.ts';
import { defineModule } from '../module.ts';

/**
 * One row per lease ever taken. `token` grows by one each time the lease is granted (the fencing
 * token); `expires_at` is on the database's clock, so nodes whose clocks disagree still agree on it.
 */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  token: bigint('token', { mode: 'number' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

const leaseMigrations: ModuleMigrations = {
  module: 'leases',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
};

/**
 * The leases table as the first entry of the composition: core owns it (every node's context takes
 * leases), and listing it there lets the migration tooling (migrate, db:generate, check:migrations)
 * treat it like a module's. Its face is empty: leases are reached through the context.
 */
export const leaseTables = defineModule({ name: 'leases', migrations: leaseMigrations, create: () => ({}) });
