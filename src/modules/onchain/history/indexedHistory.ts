import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { getAddress, type Address, type Hex } from 'viem';
import type { Database } from '../../../core/db/database.ts';
import { internalTransfers, pairEvents, pairs, tokenTransfers, transactions } from '../table.ts';
import type { ChainHistory, LiquidityEvent, NativeTransfer } from './chainHistory.ts';

/** Whether the index covers the chain up to its head now (it may catch up first); false: answers are null. */
export type IndexReady = () => Promise<boolean>;

const lower = (a: string) => a.toLowerCase();
const addr = (a: string) => getAddress(a);

/** Of `hashes` (lower-case), the transactions the index holds in which `account` sent, received or moved tokens. */
export function indexedTransactionsOf(db: Database, chainId: number) {
  const d = db.drizzle;
  return async (account: Address, hashes: string[]): Promise<Set<string>> => {
    const a = lower(account);
    const [own, moves] = await Promise.all([
      d
        .select({ hash: transactions.hash })
        .from(transactions)
        .where(
          and(
            eq(transactions.chainId, chainId),
            inArray(transactions.hash, hashes),
            or(eq(transactions.from, a), eq(transactions.to, a)),
          ),
        ),
      d
        .select({ hash: tokenTransfers.txHash })
        .from(tokenTransfers)
        .where(
          and(
            eq(tokenTransfers.chainId, chainId),
            inArray(tokenTransfers.txHash, hashes),
            or(eq(tokenTransfers.from, a), eq(tokenTransfers.to, a)),
          ),
        ),
    ]);
    return new Set([...own, ...moves].map((r) => r.hash));
  };
}

/** ChainHistory answered from the chain index; every answer is null while the index is behind the head. */
export function indexedHistory(
  db: Database,
  chain: { id: number; wrappedNative: Address; startBlock: number },
  ready: IndexReady,
): ChainHistory {
  const { id: chainId, wrappedNative, startBlock } = chain;
  const d = db.drizzle;
  const wrapped = lower(wrappedNative);
  const whenReady =
    <A extends unknown[], R>(answer: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | null> =>
      (await ready()) ? answer(...args) : null;

  return {
    creatorOf: whenReady(async (contract: Address) => {
      const [row] = await d
        .select({ from: transactions.from })
        .from(transactions)
        .where(and(eq(transactions.chainId, chainId), eq(transactions.created, lower(contract))))
        .limit(1);
      return row ? addr(row.from) : null;
    }),

    transferBalances: whenReady(async (token: Address) => {
      const t = lower(token);
      // From a start_block past genesis, a token's Transfer logs are all here only if its deployment is.
      if (startBlock > 0) {
        const [deployed] = await d
          .select({ hash: transactions.hash })
          .from(transactions)
          .where(and(eq(transactions.chainId, chainId), eq(transactions.created, t)))
          .limit(1);
        if (!deployed) return null;
      }
      const rows = (await d.execute(sql`
        SELECT holder, sum(delta)::text AS balance FROM (
          SELECT ${tokenTransfers.to} AS holder, ${tokenTransfers.value} AS delta FROM ${tokenTransfers}
            WHERE ${tokenTransfers.chainId} = ${chainId} AND ${tokenTransfers.token} = ${t}
          UNION ALL
          SELECT ${tokenTransfers.from}, -${tokenTransfers.value} FROM ${tokenTransfers}
            WHERE ${tokenTransfers.chainId} = ${chainId} AND ${tokenTransfers.token} = ${t}
        ) AS moves GROUP BY holder`)) as unknown as { rows: Array<{ holder: string; balance: string }> };
      return new Map(rows.rows.map((r) => [r.holder, BigInt(r.balance)]));
    }),

    nativeTransfers: whenReady(async (account: Address, limit: number) => {
      const a = lower(account);
      // A transaction's own value, and the value calls inside transactions moved (from the node's traces).
      const rows = (await d.execute(sql`
        SELECT * FROM (
          SELECT ${transactions.block} AS block, ${transactions.txIndex} AS tx_index, -1 AS trace_index,
                 ${transactions.hash} AS hash, ${transactions.from} AS "from", ${transactions.to} AS "to",
                 ${transactions.value}::text AS value, ${transactions.timestamp} AS ts, false AS internal
            FROM ${transactions}
            WHERE ${transactions.chainId} = ${chainId} AND ${transactions.value} > 0 AND ${transactions.to} IS NOT NULL
              AND (${transactions.from} = ${a} OR ${transactions.to} = ${a})
          UNION ALL
          SELECT ${internalTransfers.block}, ${internalTransfers.txIndex}, ${internalTransfers.traceIndex},
                 ${internalTransfers.txHash}, ${internalTransfers.from}, ${internalTransfers.to},
                 ${internalTransfers.value}::text, ${internalTransfers.timestamp}, true
            FROM ${internalTransfers}
            WHERE ${internalTransfers.chainId} = ${chainId}
              AND (${internalTransfers.from} = ${a} OR ${internalTransfers.to} = ${a})
        ) AS moves ORDER BY block, tx_index, trace_index LIMIT ${limit}`)) as unknown as {
        rows: Array<{
          block: string | number;
          hash: string;
          from: string;
          to: string;
          value: string;
          ts: Date | string;
          internal: boolean;
        }>;
      };
      return rows.rows.map(
        (r): NativeTransfer => ({
          block: Number(r.block),
          tx_hash: r.hash as Hex,
          from: addr(r.from),
          to: addr(r.to),
          value: BigInt(r.value),
          timestamp: new Date(r.ts),
          ...(r.internal ? { internal: true } : {}),
        }),
      );
    }),

    tokenTransfers: whenReady(async (account: Address, limit: number) => {
      const a = lower(account);
      const rows = await d
        .select()
        .from(tokenTransfers)
        .where(and(eq(tokenTransfers.chainId, chainId), or(eq(tokenTransfers.from, a), eq(tokenTransfers.to, a))))
        .orderBy(asc(tokenTransfers.block), asc(tokenTransfers.logIndex))
        .limit(limit);
      return rows.map((r) => ({
        block: r.block,
        tx_hash: r.txHash as Hex,
        log_index: r.logIndex,
        token: addr(r.token),
        from: addr(r.from),
        to: addr(r.to),
        value: BigInt(r.value),
        timestamp: r.timestamp,
      }));
    }),

    contractsCreatedBy: whenReady(async (account: Address) => {
      const rows = await d
        .select({ created: transactions.created })
        .from(transactions)
        .where(
          and(
            eq(transactions.chainId, chainId),
            eq(transactions.from, lower(account)),
            sql`${transactions.created} IS NOT NULL`,
          ),
        )
        .orderBy(asc(transactions.block), asc(transactions.txIndex));
      return rows.map((r) => addr(r.created!));
    }),

    liquidityEvents: whenReady(async (account: Address) => {
      const rows = await d
        .select({ event: pairEvents, token0: pairs.token0, token1: pairs.token1 })
        .from(pairEvents)
        .innerJoin(pairs, and(eq(pairs.chainId, pairEvents.chainId), eq(pairs.pair, pairEvents.pair)))
        .where(
          and(
            eq(pairEvents.chainId, chainId),
            eq(pairEvents.account, lower(account)),
            inArray(pairEvents.kind, ['mint', 'burn']),
          ),
        )
        .orderBy(asc(pairEvents.block), asc(pairEvents.logIndex));
      return rows.map(({ event: e, token0, token1 }): LiquidityEvent => {
        const amount0 = BigInt(e.kind === 'mint' ? e.amount0In : e.amount0Out);
        const amount1 = BigInt(e.kind === 'mint' ? e.amount1In : e.amount1Out);
        // The token is the pool's other side when one side is the wrapped native coin, else token0.
        const nativeFirst = token0 === wrapped;
        const nativeSecond = token1 === wrapped;
        return {
          kind: e.kind as 'mint' | 'burn',
          block: e.block,
          tx_hash: e.txHash as Hex,
          pair: addr(e.pair),
          token: addr(nativeFirst ? token1 : token0),
          account: addr(e.account),
          native_amount: nativeFirst ? amount0 : nativeSecond ? amount1 : 0n,
          token_amount: nativeFirst ? amount1 : amount0,
          timestamp: e.timestamp,
        };
      });
    }),

    activity: whenReady(async (account: Address) => {
      const a = lower(account);
      const rows = (await d.execute(sql`
        SELECT min(block)::text AS first_block, max(block)::text AS last_block,
               min(ts)::text AS first_seen, max(ts)::text AS last_seen, count(DISTINCT hash)::text AS tx_count
        FROM (
          SELECT ${transactions.block} AS block, ${transactions.timestamp} AS ts, ${transactions.hash} AS hash
            FROM ${transactions}
            WHERE ${transactions.chainId} = ${chainId} AND (${transactions.from} = ${a} OR ${transactions.to} = ${a})
          UNION ALL
          SELECT ${internalTransfers.block}, ${internalTransfers.timestamp}, ${internalTransfers.txHash}
            FROM ${internalTransfers}
            WHERE ${internalTransfers.chainId} = ${chainId}
              AND (${internalTransfers.from} = ${a} OR ${internalTransfers.to} = ${a})
          UNION ALL
          SELECT ${tokenTransfers.block}, ${tokenTransfers.timestamp}, ${tokenTransfers.txHash}
            FROM ${tokenTransfers}
            WHERE ${tokenTransfers.chainId} = ${chainId} AND (${tokenTransfers.from} = ${a} OR ${tokenTransfers.to} = ${a})
        ) AS seen`)) as unknown as { rows: Array<Record<string, string | null>> };
      const r = rows.rows[0];
      return {
        first_block: r?.first_block ? Number(r.first_block) : null,
        last_block: r?.last_block ? Number(r.last_block) : null,
        first_seen: r?.first_seen ? new Date(r.first_seen) : null,
        last_seen: r?.last_seen ? new Date(r.last_seen) : null,
        tx_count: Number(r?.tx_count ?? 0),
      };
    }),

    // Source verification is an explorer's to tell; the chain itself does not know.
    sourceVerification: async () => null,
  };
}
