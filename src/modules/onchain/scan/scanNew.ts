import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { getAddress, type Address } from 'viem';
import type { Database } from '../../../core/db/database.ts';
import { mapLimited } from '../../../core/mapLimited.ts';
import { chainErrorNote } from '../chains/chainError.ts';
import type { OnchainChain } from '../chains/chainRegistry.ts';
import type { TokenCheck } from '../check/checkToken.ts';
import type { Finding, Level } from '../check/findings.ts';
import { pairs } from '../table.ts';

/** One token of a scan: its pool, and its check's level, score and findings (or why it could not be checked). */
interface ScannedToken {
  address: Address;
  symbol: string | null;
  name: string | null;
  pair: Address;
  pool_block: number;
  level: Level;
  score: number;
  findings: Array<Pick<Finding, 'id' | 'severity' | 'title'>>;
  error: string | null;
  /** The whole check, for callers that publish it (not in the tool's answer). */
  check: TokenCheck | null;
}

export interface Scan {
  chain: string;
  from_block: number;
  /** The last block the index covers: pools created after it are not seen yet. */
  to_block: number;
  index_behind_blocks: number;
  /** Where the next scan should start: after the last pool checked, or after to_block when all were. */
  next_from_block: number;
  /** Riskiest first. */
  tokens: ScannedToken[];
}

const LEVEL_RANK: Record<Level, number> = { danger: 3, unknown: 2, caution: 1, safe: 0 };

/** Pools created from `fromBlock` on, oldest first; a block's pools are never split across two scans (unless one block has more than `limit`). */
async function newPools(db: Database, chainId: number, fromBlock: number, toBlock: number, limit: number) {
  const found = await db.drizzle
    .select({ pair: pairs.pair, token0: pairs.token0, token1: pairs.token1, block: pairs.block })
    .from(pairs)
    .where(and(eq(pairs.chainId, chainId), gte(pairs.block, fromBlock), lte(pairs.block, toBlock)))
    .orderBy(asc(pairs.block), asc(pairs.pair))
    .limit(limit + 1);
  // The block range leaves out the pools found from before start_block (no block): none is new.
  const rows = found.map((r) => ({ ...r, block: r.block as number }));
  if (rows.length <= limit) return { rows, complete: true };
  const cut = rows[limit]!.block;
  const whole = rows.slice(0, limit).filter((r) => r.block < cut);
  return { rows: whole.length ? whole : rows.slice(0, limit), complete: false };
}

/**
 * naughty_coin.scan_new: checks the tokens of the pools the index saw created since `fromBlock` (pools
 * against the chain's wrapped native coin; the token is the other side), `concurrency` at a time, at most
 * `limit` pools; riskiest first.
 */
export async function scanNew(
  chain: OnchainChain,
  db: Database,
  options: { fromBlock: number | null; limit: number; concurrency: number; defaultWindowBlocks: number },
  check: (token: Address) => Promise<TokenCheck>,
): Promise<Scan> {
  const status = await chain.index.fresh();
  const fromBlock =
    options.fromBlock ?? Math.max(chain.spec.start_block, status.indexed_to - options.defaultWindowBlocks + 1);
  const wrapped = chain.spec.wrapped_native.toLowerCase();
  const { rows, complete } = await newPools(db, chain.spec.id, fromBlock, status.indexed_to, options.limit);
  const pools = rows.flatMap((r) =>
    r.token0 === wrapped || r.token1 === wrapped
      ? [{ ...r, token: getAddress(r.token0 === wrapped ? r.token1 : r.token0) }]
      : [],
  );
  const tokens = await mapLimited(pools, options.concurrency, async (pool): Promise<ScannedToken> => {
    const base = { address: pool.token, pair: getAddress(pool.pair), pool_block: pool.block };
    try {
      const result = await check(pool.token);
      return {
        ...base,
        symbol: result.token.symbol,
        name: result.token.name,
        level: result.level,
        score: result.score,
        findings: result.findings.map(({ id, severity, title }) => ({ id, severity, title })),
        error: null,
        check: result,
      };
    } catch (err) {
      return {
        ...base,
        symbol: null,
        name: null,
        level: 'unknown',
        score: 0,
        findings: [],
        error: chainErrorNote(err),
        check: null,
      };
    }
  });
  tokens.sort((a, b) => b.score - a.score || LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
  const last = rows.at(-1)?.block;
  return {
    chain: chain.spec.name,
    from_block: fromBlock,
    to_block: status.indexed_to,
    index_behind_blocks: status.behind,
    next_from_block: complete || last === undefined ? Math.max(fromBlock, status.indexed_to + 1) : last + 1,
    tokens,
  };
}
