import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import { connectorCursors } from './table.ts';

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
      const [row] = await d
        .select({ cursor: connectorCursors.cursor })
        .from(connectorCursors)
        .where(eq(connectorCursors.connectorId, connectorId));
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
