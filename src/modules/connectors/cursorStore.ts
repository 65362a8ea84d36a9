import { eq, sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Database } from '../../core/db/database.ts';

/** Drizzle's view of `connector_cursors` (migration 0002). */
const connectorCursors = pgTable('connector_cursors', {
  connectorId: text('connector_id').primaryKey(),
  cursor: jsonb('cursor').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Where each connector stopped, so a restart resumes instead of re-reading or skipping. */
export interface CursorStore {
  /** The stored cursor, or undefined before the first committed batch. */
  get(connectorId: string): Promise<unknown>;
  set(connectorId: string, cursor: unknown): Promise<void>;
}

export function createCursorStore(db: Database): CursorStore {
  const d = db.drizzle;
  return {
    async get(connectorId) {
      const [row] = await d.select({ cursor: connectorCursors.cursor }).from(connectorCursors).where(eq(connectorCursors.connectorId, connectorId));
      return row?.cursor;
    },
    async set(connectorId, cursor) {
      await d
        .insert(connectorCursors)
        .values({ connectorId, cursor })
        .onConflictDoUpdate({ target: connectorCursors.connectorId, set: { cursor, updatedAt: sql`now()` } });
    },
  };
}
