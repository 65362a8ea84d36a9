import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';

/*
 * Clan Warz: clans and their members compete in seasons; wars pit two clans against each other;
 * score events (idempotent on the caller's event id) are the only source of points.
 * Constraints keep the names PostgreSQL gave them when the tables were first made by hand.
 */

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const clans = pgTable(
  'clans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique('clans_slug_key'),
    name: text('name').notNull(),
    tag: text('tag'),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  () => [uniqueIndex('clans_name_idx').on(sql`lower(name)`)],
);

/** A player belongs to one clan at a time, so the handle alone identifies a member. */
export const clanMembers = pgTable(
  'clan_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clanId: uuid('clan_id').notNull(),
    handle: text('handle').notNull().unique('clan_members_handle_key'),
    displayName: text('display_name'),
    role: text('role').$type<'leader' | 'officer' | 'member'>().notNull().default('member'),
    joinedAt: time('joined_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'clan_members_clan_id_fkey', columns: [t.clanId], foreignColumns: [clans.id] }).onDelete(
      'cascade',
    ),
    check('clan_members_role_check', sql`role IN ('leader', 'officer', 'member')`),
    index('clan_members_clan_idx').on(t.clanId),
  ],
);

export const seasons = pgTable(
  'seasons',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
  },
  () => [check('seasons_check', sql`ends_at > starts_at`)],
);

export const wars = pgTable(
  'wars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seasonId: text('season_id').notNull(),
    clanAId: uuid('clan_a_id').notNull(),
    clanBId: uuid('clan_b_id').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'wars_season_id_fkey', columns: [t.seasonId], foreignColumns: [seasons.id] }),
    foreignKey({ name: 'wars_clan_a_id_fkey', columns: [t.clanAId], foreignColumns: [clans.id] }).onDelete('cascade'),
    foreignKey({ name: 'wars_clan_b_id_fkey', columns: [t.clanBId], foreignColumns: [clans.id] }).onDelete('cascade'),
    check('wars_check', sql`clan_a_id <> clan_b_id`),
    check('wars_check1', sql`ends_at > starts_at`),
    index('wars_clan_a_idx').on(t.clanAId, t.startsAt.desc().nullsFirst()),
    index('wars_clan_b_idx').on(t.clanBId, t.startsAt.desc().nullsFirst()),
  ],
);

export const scoreEvents = pgTable(
  'score_events',
  {
    eventId: text('event_id').primaryKey(),
    clanId: uuid('clan_id').notNull(),
    memberId: uuid('member_id'),
    seasonId: text('season_id').notNull(),
    warId: uuid('war_id'),
    points: integer('points').notNull(),
    reason: text('reason'),
    occurredAt: time('occurred_at').notNull(),
    recordedAt: time('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'score_events_clan_id_fkey', columns: [t.clanId], foreignColumns: [clans.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'score_events_member_id_fkey',
      columns: [t.memberId],
      foreignColumns: [clanMembers.id],
    }).onDelete('set null'),
    foreignKey({ name: 'score_events_season_id_fkey', columns: [t.seasonId], foreignColumns: [seasons.id] }),
    foreignKey({ name: 'score_events_war_id_fkey', columns: [t.warId], foreignColumns: [wars.id] }).onDelete(
      'set null',
    ),
    index('score_events_season_clan_idx').on(t.seasonId, t.clanId),
    index('score_events_clan_recent_idx').on(t.clanId, t.occurredAt.desc().nullsFirst()),
    index('score_events_war_idx').on(t.warId, t.clanId).where(sql`war_id IS NOT NULL`),
    index('score_events_member_idx').on(t.memberId, t.seasonId),
  ],
);

export type ClanRow = typeof clans.$inferSelect;
export type MemberRow = typeof clanMembers.$inferSelect;
export type SeasonRow = typeof seasons.$inferSelect;
export type WarRow = typeof wars.$inferSelect;
export type ScoreEventRow = typeof scoreEvents.$inferSelect;

export const clanMigrations: ModuleMigrations = {
  module: 'clan',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  legacy: { tags: ['0003_clan'], baseline: '0000_clan' },
};
