import { fileURLToPath } from 'node:url';
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';

/** Operator overrides of config/agents.json, merged over the file's pipeline by agent id. */
export const agentOverrides = pgTable('agent_overrides', {
  agentId: text('agent_id').primaryKey(),
  config: jsonb('config').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const agentsMigrations: ModuleMigrations = {
  module: 'agents',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  legacy: { tags: ['0002_agents'], baseline: '0000_agent_overrides' },
};
