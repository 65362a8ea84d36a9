import { eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../../core/db/database.ts';
import type { Lease } from '../../core/lease/leases.ts';
import { connectorCursors } from './table.ts';

/** Where each connector stopped, so a restart resumes instead of re-reading or skipping. */
export interface CursorStore {
  /** The stored cursor, or undefined before the first committed batch. */
  get(connectorId: string): Promise<unknown>;
  /**
   * Under `lease` (the connector's), the write is fenced: refused with LeaseLostError once another node has taken
   * the connector over, so a stale owner never moves its cursor.
   */
  set(connectorId: string, cursor: unknown, lease?: Pick<Lease, 'fenced'>): Promise<void>;
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
    async set(connectorId, cursor, lease) {
      const write = (db: Drizzle) =>
        db
          .insert(connectorCursors)
          .values({ connectorId, cursor })
          .onConflictDoUpdate({ target: connectorCursors.connectorId, set: { cursor, updatedAt: sql`now()` } });
      await (lease ? lease.fenced(write) : write(d));
    },
  };
}
