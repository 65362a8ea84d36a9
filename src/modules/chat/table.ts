import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';
import type { StoredToolCall, Usage } from './schemas.ts';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Row-level security is the second wall behind the owner filter in every query: a transaction
 * names the users it acts for, a JSON array of user ids in alphanest.user_ids (one user for every
 * read, every user of a batch when the chat's group commit writes several users' exchanges in one
 * statement), and a role that is neither superuser nor exempt sees and writes only their rows.
 * Unset (or reset to ''), it admits nothing; anything but a JSON array makes the query fail.
 * A custom migration FORCEs it, so it holds for the tables' owner as well.
 */
const actingUsersOwn = sql`(nullif(current_setting('alphanest.user_ids', true), '')::jsonb ? user_id)`;
const ownerPolicy = (name: string) =>
  pgPolicy(name, { as: 'permissive', for: 'all', to: 'public', using: actingUsersOwn, withCheck: actingUsersOwn });

/** AI chat: conversations and their messages, each row owned by one user. */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id').notNull(),
    title: text('title').notNull(),
    createdAt: time('created_at').notNull().defaultNow(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('chat_conversations_owner_recent_idx').on(
      t.userId,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    ownerPolicy('chat_conversations_owner'),
  ],
).enableRLS();

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: a user message and its reply are written in one transaction and share now(). */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').$type<'user' | 'assistant'>().notNull(),
    content: text('content').notNull(),
    toolCalls: jsonb('tool_calls').$type<StoredToolCall[]>().notNull().default([]),
    usage: jsonb('usage').$type<Usage | null>(),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'chat_messages_conversation_id_fkey',
      columns: [t.conversationId],
      foreignColumns: [chatConversations.id],
    }).onDelete('cascade'),
    check('chat_messages_role_check', sql`role IN ('user', 'assistant')`),
    index('chat_messages_conversation_idx').on(t.conversationId, t.seq),
    ownerPolicy('chat_messages_owner'),
  ],
).enableRLS();

export type ConversationRow = typeof chatConversations.$inferSelect;
export type MessageRow = typeof chatMessages.$inferSelect;

export const chatMigrations: ModuleMigrations = {
  module: 'chat',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  legacy: { tags: ['0004_chat', '0005_chat_acting_users'], baseline: '0001_force_row_level_security' },
};
