import { fileURLToPath } from 'node:url';
import { getTableColumns, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';
import type { MergedSource, TokenRef, ValueReason } from './schemas.ts';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Intelligence items: what agents store and traders read. */
export const intelligenceItems = pgTable(
  'intelligence_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Idempotency of its first delivery: "ext:<agent>:<external_id>" when the client names the item, else "hash:<sha256 of content>". */
    dedupeKey: text('dedupe_key').notNull().unique('intelligence_items_dedupe_key_key'),
    externalId: text('external_id'),
    type: text('type').$type<'twitter' | 'news' | 'exchange' | 'onchain'>().notNull(),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    summary: text('summary'),
    analysis: text('analysis'),
    sentimentLabel: text('sentiment_label').$type<'bullish' | 'bearish' | 'neutral'>().notNull().default('neutral'),
    sentimentScore: real('sentiment_score').notNull().default(0),
    valueScore: smallint('value_score').notNull().default(0),
    highValue: boolean('high_value').notNull().default(false),
    valueReasons: jsonb('value_reasons').$type<ValueReason[]>().notNull().default([]),
    tokens: jsonb('tokens').$type<TokenRef[]>().notNull().default([]),
    /** Upper-case symbols and lower-case addresses of the mentioned tokens, for the `token` filter. */
    tokenKeys: text('token_keys').array().notNull().default([]),
    eventType: text('event_type'),
    sourceKind: text('source_kind').notNull(),
    sourceName: text('source_name').notNull(),
    sourceUrl: text('source_url'),
    sourceAuthor: text('source_author'),
    agentId: text('agent_id').notNull(),
    publishedAt: time('published_at').notNull(),
    createdAt: time('created_at').notNull().defaultNow(),
    /** The `keyword` filter's full-text index: title weighs more than content. */
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')`,
    ),
    /**
     * Position on the live stream, assigned by the database in commit order (see streamState). The
     * function is a custom migration between the one that made the tables and the one that set this default.
     */
    streamOffset: bigint('stream_offset', { mode: 'number' }).notNull().default(sql`next_stream_offset()`),
    /** SimHash of title and text (16 hex digits): reloads the in-memory near-duplicate index after a restart. */
    simhash: text('simhash'),
    sourceCount: integer('source_count').notNull().default(1),
    /** The sources merged into this item after the first, each with the dedupe key it arrived under. */
    sources: jsonb('sources').$type<MergedSource[]>().notNull().default([]),
    /** Every agent that delivered this story, in the order they did; `agent_id` is the first. */
    agents: text('agents').array().notNull(),
    /**
     * The stream offset at which each of `agents` joined the item, in the same order: an item that
     * gains an agent moves to a new offset, and the stream sends it there only to clients that have
     * not had it (see the stream module's subscription).
     */
    agentOffsets: bigint('agent_offsets', { mode: 'number' }).array().notNull().default([]),
  },
  (t) => [
    // Check constraints keep the names PostgreSQL gave them when the tables were first made by hand.
    check('intelligence_items_type_check', sql`type IN ('twitter', 'news', 'exchange', 'onchain')`),
    check('intelligence_items_sentiment_label_check', sql`sentiment_label IN ('bullish', 'bearish', 'neutral')`),
    check('intelligence_items_value_score_check', sql`value_score BETWEEN 0 AND 100`),
    check(
      'intelligence_items_agents_check',
      sql`cardinality(agents) > 0 AND cardinality(agent_offsets) = cardinality(agents)`,
    ),
    // A bare desc() is written DESC NULLS LAST; the feed's ORDER BY … DESC means NULLS FIRST, which only
    // an index ordered the same way serves.
    index('intelligence_feed_idx').on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('intelligence_type_feed_idx').on(t.type, t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Rare events (hacks, unlocks) would otherwise walk most of the feed index to fill a page.
    index('intelligence_event_feed_idx').on(t.eventType, t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('intelligence_high_value_feed_idx')
      .on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`high_value`),
    index('intelligence_token_keys_idx').using('gin', t.tokenKeys),
    index('intelligence_agents_idx').using('gin', t.agents),
    index('intelligence_search_idx').using('gin', t.search),
    uniqueIndex('intelligence_stream_offset_idx').on(t.streamOffset),
  ],
);

/**
 * The keys deliveries of a story arrived under (see storyKeys.ts), each naming the item that holds
 * the story: how a later delivery of the same post, by any agent, finds the item. A table rather
 * than an array column, so a batch's few thousand keys are found by b-tree probes. No foreign key:
 * items are never deleted, and checking one per key would cost ingest a probe per key.
 */
export const intelligenceStoryKeys = pgTable('intelligence_story_keys', {
  key: text('key').primaryKey(),
  itemId: uuid('item_id').notNull(),
});

/**
 * The live stream's position counter: one row, bumped by `next_stream_offset()` inside the
 * inserting transaction, or once for a whole batch by the ingest door, which locks the row first
 * and hands out the offsets after it itself. Its row lock serialises writers until they commit, so
 * offsets become visible in commit order: a reader that sees offset N also sees every stored offset
 * below N, which is what lets a client resume with `since` without skipping anything.
 */
export const streamState = pgTable(
  'stream_state',
  {
    id: smallint('id').primaryKey(),
    lastOffset: bigint('last_offset', { mode: 'number' }).notNull(),
  },
  () => [check('stream_state_id_check', sql`id = 1`)],
);

const { search: _searchVector, ...readColumns } = getTableColumns(intelligenceItems);
/** Every column but `search`: no read needs the tsvector back, and it is as large as the text it indexes. */
export const itemColumns = readColumns;

export type IntelligenceRow = Omit<typeof intelligenceItems.$inferSelect, 'search'>;
export type NewIntelligenceRow = typeof intelligenceItems.$inferInsert;

export const intelligenceMigrations: ModuleMigrations = {
  module: 'intelligence',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  legacy: { tags: ['0000_intelligence', '0001_stream', '0002_agents'], baseline: '0002_stream_offset_default' },
};
