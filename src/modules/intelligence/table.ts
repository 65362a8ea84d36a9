import { sql } from 'drizzle-orm';
import { bigint, boolean, integer, jsonb, pgTable, real, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MergedSource, TokenRef, ValueReason } from './schemas.ts';

/** Drizzle's view of `intelligence_items` (created by migration 0000; the tsvector column is database-only). */
export const intelligenceItems = pgTable('intelligence_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  dedupeKey: text('dedupe_key').notNull(),
  externalId: text('external_id'),
  type: text('type').$type<'twitter' | 'news' | 'exchange' | 'onchain'>().notNull(),
  title: text('title').notNull(),
  content: text('content').notNull(),
  summary: text('summary'),
  analysis: text('analysis'),
  sentimentLabel: text('sentiment_label').$type<'bullish' | 'bearish' | 'neutral'>().notNull(),
  sentimentScore: real('sentiment_score').notNull(),
  valueScore: smallint('value_score').notNull(),
  highValue: boolean('high_value').notNull(),
  valueReasons: jsonb('value_reasons').$type<ValueReason[]>().notNull(),
  tokens: jsonb('tokens').$type<TokenRef[]>().notNull(),
  tokenKeys: text('token_keys').array().notNull(),
  eventType: text('event_type'),
  sourceKind: text('source_kind').notNull(),
  sourceName: text('source_name').notNull(),
  sourceUrl: text('source_url'),
  sourceAuthor: text('source_author'),
  agentId: text('agent_id').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** Position on the live stream, assigned by the database in commit order (migration 0001). */
  streamOffset: bigint('stream_offset', { mode: 'number' }).notNull().default(sql`next_stream_offset()`),
  // Near-duplicate merging (migration 0002).
  simhash: text('simhash'),
  sourceCount: integer('source_count').notNull().default(1),
  sources: jsonb('sources').$type<MergedSource[]>().notNull().default([]),
});

export type IntelligenceRow = typeof intelligenceItems.$inferSelect;
export type NewIntelligenceRow = typeof intelligenceItems.$inferInsert;
