import { fileURLToPath } from 'node:url';
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';

/** Where each connector stopped; written only after the batch it covers is stored. */
export const connectorCursors = pgTable('connector_cursors', {
  connectorId: text('connector_id').primaryKey(),
  cursor: jsonb('cursor').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const connectorsMigrations: ModuleMigrations = {
  module: 'connectors',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  legacy: { tags: ['0002_agents'], baseline: '0000_connector_cursors' },
};
