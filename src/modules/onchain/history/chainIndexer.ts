import type { Logger } from '../../../core/logger.ts';
import type { ChainClient } from '../chains/chainClient.ts';
import { blockHashes, readBlocks, servesTraces, TracesUnavailable, type BlockBatch } from './blockReader.ts';
import type { Fence, IndexStore } from './indexStore.ts';
import { createPoolDiscovery } from './poolDiscovery.ts';

export interface IndexerOptions {
  /** Blocks read and stored per transaction. */
  batchBlocks: number;
  /** Blocks whose hashes are kept and re-read on every pass: how deep a reorganisation is undone. */
  reorgDepth: number;
}

/** How far a chain's index is: `indexed_to` the last block stored (start_block - 1: none yet), `behind` the blocks to the head. */
export interface IndexStatus {
  indexed_to: number;
  head: number;
  behind: number;
}

export interface ChainIndexer {
  /**
   * Indexes up to the chain's head now (one caller at a time in this process; others wait for the same run).
   * `fence`: the writes go through the lease the caller holds (the worker's), refused once it is lost.
   */
  catchUp(options?: { signal?: AbortSignal; fence?: Fence }): Promise<IndexStatus>;
  /** The index's position against the chain's head. */
  status(): Promise<IndexStatus>;
  /**
   * Whether the newest block the index holds is still the chain's (one block read): false after a reorganisation
   * replaced it, even at the same height; true while the index holds none.
   */
  tipHolds(): Promise<boolean>;
  /** Whether the chain's node serves `trace_block` (asked once, or known from the reads): the index's internal transfers come from it. */
  tracesServed(): Promise<boolean>;
}

/**
 * Follows one chain from its start_block into the index. A pass: check that the chain under this id is the
 * one indexed (its first block's hash), re-read the hashes of the last `reorgDepth` blocks and rewind to the
 * first that changed, then read and store batches up to the head. Every write is a compare-and-set on the
 * cursor in the batch's own transaction, so two nodes indexing the same chain store nothing twice: the later
 * one's batch rolls back and it carries on from the cursor it finds.
 */
export function createChainIndexer(
  chain: ChainClient,
  store: IndexStore,
  options: IndexerOptions,
  logger: Logger,
): ChainIndexer {
  const chainId = chain.spec.id;
  const startBlock = chain.spec.start_block;
  const log = logger.child({ chain: chain.spec.name });
  let running: Promise<IndexStatus> | undefined;
  let genesisChecked = false;
  // Internal transfers come from the node's trace API; a node without one is read without them from then on.
  // Undefined until a read or a question has asked the node.
  let traces: boolean | undefined;
  let probingTraces: Promise<boolean> | undefined;
  const discoverPools = createPoolDiscovery(chain, (pairs) => store.knownPairs(chainId, pairs));

  function noTraces(reason: string) {
    traces = false;
    log.warn({ reason }, 'the chain node has no trace API (trace_block): internal transfers are not indexed');
  }

  async function read(from: number, to: number) {
    try {
      const batch = await readBlocks(chain, from, to, { traces: traces ?? true });
      traces ??= true;
      return batch;
    } catch (err) {
      if (!(err instanceof TracesUnavailable)) throw err;
      noTraces(err.message);
      return readBlocks(chain, from, to, { traces: false });
    }
  }

  const genesisHash = async () => (await blockHashes(chain, [0]))[0] ?? '';

  async function cursor(fence?: Fence): Promise<number> {
    const found = await store.cursor(chainId);
    if (!found) {
      await store.start(chainId, startBlock, await genesisHash());
      genesisChecked = true;
      return cursor(fence);
    }
    if (!genesisChecked) {
      const genesis = await genesisHash();
      if (genesis !== found.genesisHash) {
        log.warn(
          { stored: found.genesisHash, now: genesis },
          'a different chain answers at this id: its index starts again',
        );
        await store.reset(chainId, startBlock, genesis, found, fence);
        genesisChecked = true;
        return cursor(fence);
      }
      genesisChecked = true;
    }
    return found.nextBlock;
  }

  /** Rewinds to the first kept block whose hash the chain no longer has; the cursor after it. */
  async function undoReorganisation(next: number, fence?: Fence): Promise<number> {
    const kept = await store.recentBlocks(chainId);
    const top = kept.at(-1);
    if (!top) return next;
    // Each block names its parent's hash: while the highest kept block is still the chain's, so is every
    // block below it, and one call settles it. Otherwise every kept block is read to find the fork.
    if ((await blockHashes(chain, [top.number]))[0] === top.hash) return next;
    const now = await blockHashes(
      chain,
      kept.map((b) => b.number),
    );
    const fork = kept.findIndex((b, i) => now[i] !== b.hash);
    if (fork < 0) return next;
    const forkBlock = kept[fork]!.number;
    log.warn({ fork_block: forkBlock, indexed_to: next - 1 }, 'chain reorganisation: re-indexing from the fork');
    await store.rewind(chainId, forkBlock, next, fence);
    return cursor(fence);
  }

  async function run({ signal, fence }: { signal?: AbortSignal; fence?: Fence } = {}): Promise<IndexStatus> {
    let next = await undoReorganisation(await cursor(fence), fence);
    let head = Number(await chain.client.getBlockNumber({ cacheTime: 0 }));
    // The next batch is read while this one is stored (reading needs nothing stored); a read that turns out
    // not to follow on (a reorganisation, another node's batch, the pass stopped) is dropped.
    let ahead: { from: number; reading: Promise<BlockBatch> } | undefined;
    const readAhead = (from: number) => {
      if (from > head || signal?.aborted) return undefined;
      const reading = read(from, Math.min(from + options.batchBlocks - 1, head));
      reading.catch(() => {}); // awaited below when used; a dropped read's failure is nobody's
      return { from, reading };
    };
    while (next <= head && !signal?.aborted) {
      const to = Math.min(next + options.batchBlocks - 1, head);
      const batch = await (ahead?.from === next ? ahead.reading : read(next, to));
      ahead = readAhead(to + 1);
      await discoverPools(batch);
      // A reorganisation between the check and this read: the first block's parent is not the block kept
      // before it. Stop here; the next pass's check rewinds to the fork.
      const kept = await store.recentBlocks(chainId);
      const before = kept.at(-1);
      if (before && before.number === next - 1 && batch.blocks[0]?.parentHash !== before.hash) break;
      if (!(await store.commit(chainId, next, batch, options.reorgDepth, fence))) {
        next = await cursor(fence);
        continue;
      }
      next = to + 1;
      if (next > head) {
        head = Number(await chain.client.getBlockNumber({ cacheTime: 0 }));
        ahead = readAhead(next);
      }
    }
    return { indexed_to: next - 1, head, behind: Math.max(0, head - (next - 1)) };
  }

  return {
    catchUp(options) {
      running ??= run(options).finally(() => {
        running = undefined;
      });
      return running;
    },
    async status() {
      const [found, head] = await Promise.all([store.cursor(chainId), chain.client.getBlockNumber({ cacheTime: 0 })]);
      const indexedTo = (found?.nextBlock ?? startBlock) - 1;
      return { indexed_to: indexedTo, head: Number(head), behind: Math.max(0, Number(head) - indexedTo) };
    },
    async tipHolds() {
      const top = await store.newestBlock(chainId);
      return !top || (await blockHashes(chain, [top.number]))[0] === top.hash;
    },
    tracesServed() {
      if (traces !== undefined) return Promise.resolve(traces);
      // Asked of the head: a block every node has (start_block may lie ahead, genesis may not be traceable).
      probingTraces ??= chain.client
        .getBlockNumber({ cacheTime: 0 })
        .then((head) => servesTraces(chain, Number(head)))
        .then((served) => {
          // A read that finished meanwhile knows as well.
          if (traces === undefined) {
            if (served) traces = true;
            else noTraces('trace_block is not served');
          }
          return traces ?? served;
        })
        .finally(() => {
          probingTraces = undefined;
        });
      return probingTraces;
    },
  };
}
