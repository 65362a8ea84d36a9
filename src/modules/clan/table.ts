import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Drizzle's view of the Clan Warz tables (created by migration 0003). */

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const clans = pgTable('clans', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  tag: text('tag'),
  createdAt: time('created_at').notNull().defaultNow(),
});

export const clanMembers = pgTable('clan_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  clanId: uuid('clan_id').notNull(),
  handle: text('handle').notNull(),
  displayName: text('display_name'),
  role: text('role').$type<'leader' | 'officer' | 'member'>().notNull(),
  joinedAt: time('joined_at').notNull().defaultNow(),
});

export const seasons = pgTable('seasons', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  startsAt: time('starts_at').notNull(),
  endsAt: time('ends_at').notNull(),
});

export const wars = pgTable('wars', {
  id: uuid('id').primaryKey().defaultRandom(),
  seasonId: text('season_id').notNull(),
  clanAId: uuid('clan_a_id').notNull(),
  clanBId: uuid('clan_b_id').notNull(),
  startsAt: time('starts_at').notNull(),
  endsAt: time('ends_at').notNull(),
  createdAt: time('created_at').notNull().defaultNow(),
});

export const scoreEvents = pgTable('score_events', {
  eventId: text('event_id').primaryKey(),
  clanId: uuid('clan_id').notNull(),
  memberId: uuid('member_id'),
  seasonId: text('season_id').notNull(),
  warId: uuid('war_id'),
  points: integer('points').notNull(),
  reason: text('reason'),
  occurredAt: time('occurred_at').notNull(),
  recordedAt: time('recorded_at').notNull().defaultNow(),
});

export type ClanRow = typeof clans.$inferSelect;
export type MemberRow = typeof clanMembers.$inferSelect;
export type SeasonRow = typeof seasons.$inferSelect;
export type WarRow = typeof wars.$inferSelect;
export type ScoreEventRow = typeof scoreEvents.$inferSelect;
