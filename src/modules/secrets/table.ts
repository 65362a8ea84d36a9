import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';

/*
 * The embedded secrets engine (everything sealed with AES-256-GCM under the master key, as base64 text)
 * and the service accounts, which both backends keep here: Vault holds only their TOTP keys.
 */

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** KV v2: every write is a new version of its path; the current one is the highest. */
export const secretVersions = pgTable(
  'secret_versions',
  {
    path: text('path').notNull(),
    version: integer('version').notNull(),
    sealed: text('sealed').notNull(),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'secret_versions_pkey', columns: [t.path, t.version] }),
    check('secret_versions_version_check', sql`version > 0`),
  ],
);

/** Transit keys, one row per version; ciphertexts name the version that made them. */
export const transitKeys = pgTable(
  'transit_keys',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    sealed: text('sealed').notNull(),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'transit_keys_pkey', columns: [t.name, t.version] }),
    check('transit_keys_version_check', sql`version > 0`),
  ],
);

/** TOTP keys: the sealed base32 secret and the parameters its otpauth URL carried. */
export const totpKeys = pgTable('totp_keys', {
  name: text('name').primaryKey(),
  sealed: text('sealed').notNull(),
  issuer: text('issuer').notNull(),
  accountName: text('account_name').notNull(),
  createdAt: time('created_at').notNull().defaultNow(),
});

/**
 * Bots and agents that exchange a TOTP code for a short-lived token. `attempts` counts the exchanges
 * tried since `attempts_since`, which the rate limit reads and resets once its window has passed.
 */
export const serviceAccounts = pgTable(
  'service_accounts',
  {
    name: text('name').primaryKey(),
    role: text('role').$type<'agent' | 'service'>().notNull(),
    agents: text('agents').array(),
    createdAt: time('created_at').notNull().defaultNow(),
    revokedAt: time('revoked_at'),
    attempts: integer('attempts').notNull().default(0),
    attemptsSince: time('attempts_since').notNull().defaultNow(),
  },
  () => [check('service_accounts_role_check', sql`role IN ('agent', 'service')`)],
);

/** Codes already exchanged, kept while they could still validate, so each is accepted once. */
export const usedCodes = pgTable(
  'service_account_used_codes',
  {
    account: text('account').notNull(),
    code: text('code').notNull(),
    usedAt: time('used_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'service_account_used_codes_pkey', columns: [t.account, t.code] })],
);

/**
 * What was rotated and when, which the schedule reads (is one due?) and `secrets status` shows. `scope`
 * is `cluster` for what every node shares (the transit key, the jwt key pair, a rotation of database
 * logins asked for) and the node's lease holder for its own database login.
 */
export const secretRotations = pgTable(
  'secret_rotations',
  {
    kind: text('kind').$type<'transit' | 'jwt' | 'db' | 'db_requested'>().notNull(),
    scope: text('scope').notNull(),
    rotatedAt: time('rotated_at').notNull().defaultNow(),
    /** What it is now (a key version, a login's name: never a secret). */
    detail: text('detail').notNull().default(''),
    /** When what it made ends (a database login's lease). */
    expiresAt: time('expires_at'),
  },
  (t) => [primaryKey({ name: 'secret_rotations_pkey', columns: [t.kind, t.scope] })],
);

export const secretsMigrations: ModuleMigrations = {
  module: 'secrets',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
};
