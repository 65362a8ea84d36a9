import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../core/db/database.ts';
import type { FlagEntry } from './flagFile.ts';
import { flaggedAddresses as t, type FlagCategory, type FlagRow } from './table.ts';

/** Rows per INSERT: a list of tens of thousands goes in several statements of one transaction. */
const CHUNK = 1_000;

interface FlagFilter {
  chainId?: number;
  category?: FlagCategory;
  source?: string;
  /** The page after this chain and address (the last row of the page before). */
  after?: { chainId: number; address: string };
  limit: number;
}

export interface FlagRepository {
  /** Stores a whole list in one transaction (an address already flagged takes the list's word); the rows new and updated. */
  importList(entries: readonly FlagEntry[]): Promise<{ created: number; updated: number }>;
  /** Stores what is not there yet, leaving existing rows as they are (the demo's entries). */
  addMissing(entries: readonly FlagEntry[]): Promise<number>;
  /** The flags of these addresses (lower-case) on a chain, by address. */
  find(chainId: number, addresses: readonly string[]): Promise<Map<string, FlagRow>>;
  list(filter: FlagFilter): Promise<FlagRow[]>;
}

/** At most this many addresses per lookup statement (a wallet's counterparties). */
const LOOKUP_CHUNK = 5_000;

export function createFlagRepository(db: Database): FlagRepository {
  const d = db.drizzle;
  const values = (e: FlagEntry) => ({
    chainId: e.chainId,
    address: e.address,
    category: e.category,
    reason: e.reason,
    source: e.source,
  });
  const chunks = <T>(list: readonly T[], size: number) =>
    Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

  return {
    async importList(entries) {
      return d.transaction(async (tx) => {
        let created = 0;
        for (const chunk of chunks(entries, CHUNK)) {
          const rows = await tx
            .insert(t)
            .values(chunk.map(values))
            .onConflictDoUpdate({
              target: [t.chainId, t.address],
              set: {
                category: sql`excluded.category`,
                reason: sql`excluded.reason`,
                source: sql`excluded.source`,
                updatedAt: sql`now()`,
              },
            })
            // xmax is 0 on a row this statement inserted, the updating transaction's id on one it updated.
            .returning({ inserted: sql<boolean>`(xmax = 0)` });
          created += rows.filter((r) => r.inserted).length;
        }
        return { created, updated: entries.length - created };
      });
    },
    async addMissing(entries) {
      if (!entries.length) return 0;
      const rows = await d.insert(t).values(entries.map(values)).onConflictDoNothing().returning({ a: t.address });
      return rows.length;
    },
    async find(chainId, addresses) {
      const found = new Map<string, FlagRow>();
      for (const chunk of chunks([...new Set(addresses)], LOOKUP_CHUNK)) {
        const rows = await d
          .select()
          .from(t)
          .where(and(eq(t.chainId, chainId), inArray(t.address, chunk)));
        for (const row of rows) found.set(row.address, row);
      }
      return found;
    },
    async list({ chainId, category, source, after, limit }) {
      const where: SQL[] = [];
      if (chainId !== undefined) where.push(eq(t.chainId, chainId));
      if (category) where.push(eq(t.category, category));
      if (source) where.push(eq(t.source, source));
      if (after)
        where.push(
          or(gt(t.chainId, after.chainId), and(eq(t.chainId, after.chainId), gt(t.address, after.address))) as SQL,
        );
      return d
        .select()
        .from(t)
        .where(and(...where))
        .orderBy(asc(t.chainId), asc(t.address))
        .limit(limit);
    },
  };
}
