import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';

/** What an address was flagged for. */
export const FLAG_CATEGORIES = ['scam', 'mixer', 'sanctioned', 'phishing', 'exploit'] as const;
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Addresses known to be bad, one row per chain and address (lower-case hex, so lookups need no case folding).
 * A list imported again updates its rows: the newest word on an address wins.
 */
export const flaggedAddresses = pgTable(
  'flagged_addresses',
  {
    chainId: integer('chain_id').notNull(),
    address: text('address').notNull(),
    category: text('category').$type<FlagCategory>().notNull(),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    createdAt: time('created_at').notNull().defaultNow(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'flagged_addresses_pkey', columns: [t.chainId, t.address] }),
    check('flagged_addresses_address_check', sql`address ~ '^0x[0-9a-f]{40}$'`),
    check('flagged_addresses_category_check', sql`category IN ('scam', 'mixer', 'sanctioned', 'phishing', 'exploit')`),
    index('flagged_addresses_category_idx').on(t.category, t.chainId),
    index('flagged_addresses_source_idx').on(t.source),
  ],
);

export type FlagRow = typeof flaggedAddresses.$inferSelect;

export const walletMigrations: ModuleMigrations = {
  module: 'wallet',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
};
