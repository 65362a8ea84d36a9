import { and, eq, sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { systemClock } from '../../../core/clock.ts';
import type { Database, Drizzle } from '../../../core/db/database.ts';
import type { Lease, Leases } from '../../../core/lease/leases.ts';
import type { Logger } from '../../../core/logger.ts';
import { chainErrorNote } from '../chains/chainError.ts';
import { untilAborted } from '../../../core/deadline.ts';
import { runPollLoop } from '../../../core/pollLoop.ts';
import type { IngestItem } from '../../intelligence/index.ts';
import type { ChainRegistry, OnchainChain } from '../chains/chainRegistry.ts';
import type { TokenCheck } from '../check/checkToken.ts';
import type { Fence } from '../history/indexStore.ts';
import { LOCAL_CHAIN_ID } from '../localChain/anvil.ts';
import { LOCAL_CHAIN_NAME } from '../localChain/localChain.ts';
import { scanNew } from '../scan/scanNew.ts';
import { agentCursors, agentPublished } from '../table.ts';
import { dangerItem } from './dangerItem.ts';

/** Pools checked per pass (the rest wait for the next pass, which starts where this one stopped). */
const POOLS_PER_PASS = 50;
const CHECKS_AT_ONCE = 4;

export interface OnchainAgentDeps {
  chains: ChainRegistry;
  db: Database;
  leases: Leases;
  ingest(item: IngestItem): Promise<unknown>;
  check(chain: OnchainChain, token: Address): Promise<TokenCheck>;
  /** Whether the embedded chain runs (no chain configured and demo data on). */
  localRuns: boolean;
  intervalMs: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * The on-chain agent: on each chain, scans the pools created since where it stopped (naughty_coin.scan_new
 * over the chain index) and publishes every token at danger as an `onchain` intelligence item, once per token
 * (the item's external id, and the onchain_agent_published table so a published token is not sent again).
 * Its cursor moves only after the pass's items are stored; one node at a time runs it per chain (a lease).
 */
export function createOnchainAgent(deps: OnchainAgentDeps) {
  const { chains, db, leases, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const d = db.drizzle;
  const unfenced: Fence = (write) => d.transaction((tx) => write(tx as unknown as Drizzle));

  /** One pass over one chain: the pools since the cursor, checked; the dangerous published; the cursor moved. */
  async function pass(name: string, fence: Fence = unfenced, signal?: AbortSignal) {
    // A node stopping does not wait for the embedded chain to boot, nor for checks not yet started.
    const chain = await (signal ? untilAborted(chains.resolve(name), signal) : chains.resolve(name));
    const chainId = chain.spec.id;
    await d.insert(agentCursors).values({ chainId, nextBlock: chain.spec.start_block }).onConflictDoNothing();
    // The index first: a reorganisation it undoes now moves the cursor back before it is read.
    await chain.index.fresh();
    const [cursor] = await d.select().from(agentCursors).where(eq(agentCursors.chainId, chainId));
    const { nextBlock: from, rewinds } = cursor!;
    const scan = await scanNew(
      chain,
      db,
      { fromBlock: from, limit: POOLS_PER_PASS, concurrency: CHECKS_AT_ONCE, defaultWindowBlocks: 0 },
      (token) => {
        signal?.throwIfAborted();
        return deps.check(chain, token);
      },
    );
    let published = 0;
    for (const token of scan.tokens) {
      if (token.level !== 'danger' || !token.check) continue;
      const address = token.address.toLowerCase();
      const [done] = await d
        .select({ token: agentPublished.token })
        .from(agentPublished)
        .where(and(eq(agentPublished.chainId, chainId), eq(agentPublished.token, address)));
      if (done) continue;
      await deps.ingest(dangerItem(token.check, chainId, { pair: token.pair, block: token.pool_block }, now()));
      await d.insert(agentPublished).values({ chainId, token: address }).onConflictDoNothing();
      published++;
    }
    await fence((tx) =>
      tx
        .update(agentCursors)
        .set({ nextBlock: scan.next_from_block, updatedAt: sql`now()` })
        // Unmoved by another node, and by a reorganisation the index undid meanwhile (it may have removed pools
        // this pass read, and others may take their blocks: the next pass reads from the fork).
        .where(
          and(eq(agentCursors.chainId, chainId), eq(agentCursors.nextBlock, from), eq(agentCursors.rewinds, rewinds)),
        ),
    );
    if (scan.tokens.length)
      logger.info(
        {
          chain: name,
          from_block: from,
          next_from_block: scan.next_from_block,
          checked: scan.tokens.length,
          published,
        },
        'on-chain agent scanned new pools',
      );
    return { ...scan, published };
  }

  return {
    pass,
    worker: {
      name: 'on-chain agent',
      async start() {
        const stopping = new AbortController();
        const configured = chains.configured().map(({ id, name }) => ({ id, name }));
        const followed = configured.length
          ? configured
          : deps.localRuns
            ? [{ id: LOCAL_CHAIN_ID, name: LOCAL_CHAIN_NAME }]
            : [];
        const run = (name: string, lease: Lease) =>
          runPollLoop((signal) => pass(name, lease.fenced, signal), {
            intervalMs: deps.intervalMs,
            clock: systemClock,
            signal: AbortSignal.any([lease.signal, stopping.signal]),
            onFailure: (err, failures, retryInMs) =>
              logger.warn(
                { chain: name, err: chainErrorNote(err), failures, retry_in_ms: retryInMs },
                'on-chain agent pass failed; retrying',
              ),
          });
        const loops = followed.map(({ id, name }) =>
          leases.hold(`onchain-agent:${id}`, (lease) => run(name, lease), stopping.signal),
        );
        return async () => {
          stopping.abort();
          await Promise.all(loops);
        };
      },
    },
  };
}
