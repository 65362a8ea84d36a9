import { and, asc, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import type { Metrics } from '../../core/metrics.ts';
import { intelligenceItems as t, itemColumns } from './table.ts';
import { toItem } from './mapping.ts';
import type { Item } from './schemas.ts';

/**
 * Stored items by stream offset. Offsets become visible in commit order
 * (see streamState in table.ts), so a read up to an offset that is known to be stored
 * returns everything below it: nothing committed later can land in between.
 */
export interface ItemLog {
  /** Items with an offset in (after, upTo], oldest first, at most `limit`. */
  read(after: number, upTo: number, limit: number): Promise<Item[]>;
  /** The highest stored offset (0 on an empty store). */
  latest(): Promise<number>;
}

/**
 * Every gateway asks for the newest offset once a second while the bus is quiet (stream/hub.ts), idle or not:
 * a named prepared statement built once, rather than a query built by drizzle, planned by PostgreSQL and
 * read back column by column on every call.
 */
const latestStatement = sql`SELECT max(${t.streamOffset}) AS "offset" FROM ${t}`;

export function createItemLog(db: Database, metrics: Metrics): ItemLog {
  const d = db.drizzle;
  return {
    async read(after, upTo, limit) {
      metrics.dbQueries.inc({ query: 'stream.read' });
      const rows = await d
        .select(itemColumns)
        .from(t)
        .where(and(gt(t.streamOffset, after), lte(t.streamOffset, upTo)))
        .orderBy(asc(t.streamOffset))
        .limit(limit);
      return rows.map(toItem);
    },
    async latest() {
      metrics.dbQueries.inc({ query: 'stream.latest' });
      const { rows } = await db.prepared('stream_latest', latestStatement);
      return Number(rows[0]?.offset ?? 0);
    },
  };
}
