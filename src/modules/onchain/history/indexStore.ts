import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../../../core/db/database.ts';
import {
  agentCursors,
  blockTables,
  indexCursors,
  indexedBlocks,
  internalTransfers,
  pairEvents,
  pairs,
  tokenTransfers,
  transactions,
} from '../table.ts';
import type { BlockBatch } from './blockReader.ts';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters with the widest table's twelve columns. */
const CHUNK = 2_000;

/**
 * Runs a write in a transaction: the database's own, or one fenced by a lease (core's Lease.fenced), refused
 * once this node no longer holds the chain's indexer lease.
 */
export type Fence = <T>(write: (tx: Drizzle) => Promise<T>) => Promise<T>;

/** Another node moved the cursor first: this batch was rolled back (nothing stored twice). */
class CursorMoved extends Error {}

export interface IndexCursor {
  nextBlock: number;
  genesisHash: string;
}

async function insertChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Adds to `known` those of `candidates` (lower-case) that are pools the index holds, a chunk per query. */
async function addKnownPairs(
  q: Drizzle,
  chainId: number,
  candidates: readonly string[],
  known: Set<string>,
): Promise<Set<string>> {
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const found = await q
      .select({ pair: pairs.pair })
      .from(pairs)
      .where(and(eq(pairs.chainId, chainId), inArray(pairs.pair, candidates.slice(i, i + CHUNK))));
    for (const { pair } of found) known.add(pair);
  }
  return known;
}

/** The chain index's writes and cursor: each batch with its cursor in one transaction, the cursor moved by compare-and-set. */
export function createIndexStore(db: Database) {
  const d = db.drizzle;

  /** Moves the cursor from `expected` to `next` inside `tx`; throws CursorMoved (rolling back) when another writer moved it. */
  async function moveCursor(tx: Drizzle, chainId: number, expected: number, next: number) {
    const moved = await tx
      .update(indexCursors)
      .set({ nextBlock: next, updatedAt: new Date() })
      .where(and(eq(indexCursors.chainId, chainId), eq(indexCursors.nextBlock, expected)))
      .returning({ chainId: indexCursors.chainId });
    if (moved.length === 0) throw new CursorMoved();
  }

  const unfenced: Fence = (write) => d.transaction((tx) => write(tx as unknown as Drizzle));

  /** Runs `work` in a transaction; false when the cursor had moved (the transaction rolled back). */
  async function withCursor(work: (tx: Drizzle) => Promise<void>, fence: Fence = unfenced): Promise<boolean> {
    try {
      await fence(work);
      return true;
    } catch (err) {
      if (err instanceof CursorMoved) return false;
      throw err;
    }
  }

  async function deleteFrom(tx: Drizzle, chainId: number, fork: number) {
    for (const table of blockTables)
      await tx.delete(table).where(and(eq(table.chainId, chainId), gte(table.block, fork)));
    await tx.delete(indexedBlocks).where(and(eq(indexedBlocks.chainId, chainId), gte(indexedBlocks.number, fork)));
    // The on-chain agent scanned pools from blocks that are gone: it goes back to the fork, and the count of
    // rewinds its compare-and-set includes stops a pass already reading them from moving its cursor past them.
    await tx
      .update(agentCursors)
      .set({
        nextBlock: sql`least(${agentCursors.nextBlock}, ${fork})`,
        rewinds: sql`${agentCursors.rewinds} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(agentCursors.chainId, chainId));
  }

  return {
    async cursor(chainId: number): Promise<IndexCursor | null> {
      const [row] = await d
        .select({ nextBlock: indexCursors.nextBlock, genesisHash: indexCursors.genesisHash })
        .from(indexCursors)
        .where(eq(indexCursors.chainId, chainId));
      return row ?? null;
    },

    /** Starts a chain's index at `startBlock` unless another writer already has. */
    async start(chainId: number, startBlock: number, genesisHash: string) {
      await d.insert(indexCursors).values({ chainId, nextBlock: startBlock, genesisHash }).onConflictDoNothing();
    },

    /** Forgets a chain's index (another chain now answers at its id: a restarted embedded chain) and starts it again. */
    async reset(chainId: number, startBlock: number, genesisHash: string, expected: IndexCursor, fence?: Fence) {
      return withCursor(async (tx) => {
        await moveCursor(tx, chainId, expected.nextBlock, startBlock);
        await tx
          .update(indexCursors)
          .set({ genesisHash })
          .where(and(eq(indexCursors.chainId, chainId), eq(indexCursors.genesisHash, expected.genesisHash)));
        await deleteFrom(tx, chainId, 0);
      }, fence);
    },

    /** Which of `candidates` (lower-case) are pools the index knows. */
    knownPairs: (chainId: number, candidates: readonly string[]) => addKnownPairs(d, chainId, candidates, new Set()),

    /** The hashes kept of the last blocks read, lowest first. */
    async recentBlocks(chainId: number): Promise<Array<{ number: number; hash: string }>> {
      return d
        .select({ number: indexedBlocks.number, hash: indexedBlocks.hash })
        .from(indexedBlocks)
        .where(eq(indexedBlocks.chainId, chainId))
        .orderBy(asc(indexedBlocks.number));
    },

    /** The newest block read (its hash as kept), or null before the first batch. */
    async newestBlock(chainId: number): Promise<{ number: number; hash: string } | null> {
      const [row] = await d
        .select({ number: indexedBlocks.number, hash: indexedBlocks.hash })
        .from(indexedBlocks)
        .where(eq(indexedBlocks.chainId, chainId))
        .orderBy(desc(indexedBlocks.number))
        .limit(1);
      return row ?? null;
    },

    /** Deletes everything from block `fork` on and moves the cursor back to it; false when the cursor had moved. */
    async rewind(chainId: number, fork: number, expected: number, fence?: Fence) {
      return withCursor(async (tx) => {
        await moveCursor(tx, chainId, expected, fork);
        await deleteFrom(tx, chainId, fork);
      }, fence);
    },

    /**
     * Stores a batch of blocks `from`..(last block) and moves the cursor past it, in one transaction; keeps the
     * hashes of the last `depth` blocks. False (nothing stored) when the cursor was not at `from`.
     */
    async commit(chainId: number, from: number, batch: BlockBatch, depth: number, fence?: Fence) {
      const next = from + batch.blocks.length;
      return withCursor(async (tx) => {
        await moveCursor(tx, chainId, from, next);
        const c = { chainId };
        await insertChunks(batch.transactions, (rows) =>
          tx
            .insert(transactions)
            .values(rows.map((r) => ({ ...c, ...r, value: String(r.value) })))
            .onConflictDoNothing(),
        );
        await insertChunks(batch.internalTransfers, (rows) =>
          tx
            .insert(internalTransfers)
            .values(rows.map((r) => ({ ...c, ...r, value: String(r.value) })))
            .onConflictDoNothing(),
        );
        await insertChunks(batch.tokenTransfers, (rows) =>
          tx
            .insert(tokenTransfers)
            .values(rows.map((r) => ({ ...c, ...r, value: String(r.value) })))
            .onConflictDoNothing(),
        );
        await insertChunks(batch.pairs, (rows) =>
          tx
            .insert(pairs)
            .values(rows.map((r) => ({ ...c, ...r })))
            .onConflictDoNothing(),
        );
        // Mint, Burn and Swap of the pools this index knows (made by the chain's factories), not of every
        // contract that emits events of those names.
        const candidates = [...new Set(batch.pairEvents.map((e) => e.pair))];
        const known = await addKnownPairs(tx, chainId, candidates, new Set(batch.pairs.map((p) => p.pair)));
        await insertChunks(
          batch.pairEvents.filter((e) => known.has(e.pair)),
          (rows) =>
            tx
              .insert(pairEvents)
              .values(
                rows.map((r) => ({
                  ...c,
                  ...r,
                  amount0In: String(r.amount0In),
                  amount1In: String(r.amount1In),
                  amount0Out: String(r.amount0Out),
                  amount1Out: String(r.amount1Out),
                })),
              )
              .onConflictDoNothing(),
        );
        const kept = batch.blocks.filter((b) => b.number >= next - depth);
        if (kept.length)
          await tx
            .insert(indexedBlocks)
            .values(kept.map((b) => ({ chainId, number: b.number, hash: b.hash })))
            .onConflictDoUpdate({
              target: [indexedBlocks.chainId, indexedBlocks.number],
              set: { hash: sql`excluded.hash` },
            });
        await tx
          .delete(indexedBlocks)
          .where(and(eq(indexedBlocks.chainId, chainId), lt(indexedBlocks.number, next - depth)));
      }, fence);
    },
  };
}

export type IndexStore = ReturnType<typeof createIndexStore>;
