import { fileURLToPath } from 'node:url';
import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';

/** Agents a signed-in user follows on the stream; restored on every `init`. */
export const followedAgents = pgTable(
  'followed_agents',
  {
    userId: text('user_id').notNull(),
    agentId: text('agent_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'followed_agents_pkey', columns: [t.userId, t.agentId] }),
    index('followed_agents_agent_idx').on(t.agentId),
  ],
);

export const streamMigrations: ModuleMigrations = {
  module: 'stream',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  legacy: { tags: ['0001_stream'], baseline: '0000_followed_agents' },
};
