import { systemClock, type Clock } from '../../../core/clock.ts';
import type { Config } from '../../../core/config.ts';
import type { Database } from '../../../core/db/database.ts';
import type { Logger } from '../../../core/logger.ts';
import { createHttpClient, type HttpClient } from '../../../core/outbound/httpClient.ts';
import type { ChainClient } from '../chains/chainClient.ts';
import type { ChainHistory } from './chainHistory.ts';
import { createChainIndexer, type ChainIndexer, type IndexerOptions, type IndexStatus } from './chainIndexer.ts';
import { explorerHistory, withExplorerInternals, withFallback } from './explorerHistory.ts';
import { indexedHistory, indexedTransactionsOf } from './indexedHistory.ts';
import { createIndexStore } from './indexStore.ts';

/** How a chain's history waits for its index. */
interface Freshness {
  /** Blocks the index may trail the head by and still answer (the worker polls: the head moves on meanwhile). */
  maxLagBlocks: number;
  /** Further behind than maxLagBlocks but by at most this many: a question catches the index up first. */
  inlineBlocks: number;
}

/** A chain's indexer as its users see it. */
export interface ChainIndexView extends ChainIndexer {
  /** How far the index is, after catching up first when a question may (the same rule history answers follow). */
  fresh(): Promise<IndexStatus>;
}

/** The history a chain answers and its indexer; `local`: the embedded chain, always followed to its head. */
export type HistoryOf = (chain: ChainClient, local: boolean) => { history: ChainHistory; index: ChainIndexView };

type IndexConfig = Pick<
  Config,
  | 'ONCHAIN_INDEXER_BATCH_BLOCKS'
  | 'ONCHAIN_REORG_DEPTH'
  | 'ONCHAIN_INDEX_MAX_LAG_BLOCKS'
  | 'ONCHAIN_EXPLORER_TIMEOUT_MS'
>;

/** Etherscan's free tier allows five calls a second; the explorer client stays under it. */
const EXPLORER_CALLS_PER_MINUTE = 240;
/**
 * How long a look at the index's newest block hash (still the chain's?) stands for the questions after it: a
 * wallet's dossier asks the index a few dozen times within a second or two, and one block read covers them.
 */
export const TIP_CHECK_MS = 2_000;

/**
 * The index of every chain: one indexer per chain in this process, and the history each chain answers from
 * it. A configured chain answers while its index trails the head by at most ONCHAIN_INDEX_MAX_LAG_BLOCKS (a
 * question catches up one batch itself); the embedded chain, small and local, is caught up on every question.
 * A chain with an `explorer_api_url` answers from its explorer what the index does not (yet) cover.
 */
export function createChainIndex(db: Database, config: IndexConfig, logger: Logger, clock: Clock = systemClock) {
  const store = createIndexStore(db);
  const options: IndexerOptions = {
    batchBlocks: config.ONCHAIN_INDEXER_BATCH_BLOCKS,
    reorgDepth: config.ONCHAIN_REORG_DEPTH,
  };
  const indexers = new Map<number, ChainIndexer>();
  // One client for every chain's explorer (its per-host limit keeps each explorer under its own budget).
  let explorerHttp: HttpClient | undefined;
  const explorerClient = () =>
    (explorerHttp ??= createHttpClient({
      timeoutMs: config.ONCHAIN_EXPLORER_TIMEOUT_MS,
      perHostRateLimit: { perMinute: EXPLORER_CALLS_PER_MINUTE, capacity: 5 },
    }));

  function indexerOf(chain: ChainClient): ChainIndexer {
    let indexer = indexers.get(chain.spec.id);
    if (!indexer) {
      indexer = createChainIndexer(chain, store, options, logger);
      indexers.set(chain.spec.id, indexer);
    }
    return indexer;
  }

  return {
    indexerOf,
    historyOf: ((chain, local) => {
      const freshness: Freshness = local
        ? { maxLagBlocks: 0, inlineBlocks: Number.POSITIVE_INFINITY }
        : { maxLagBlocks: config.ONCHAIN_INDEX_MAX_LAG_BLOCKS, inlineBlocks: config.ONCHAIN_INDEXER_BATCH_BLOCKS };
      const indexer = indexerOf(chain);
      let checking: Promise<IndexStatus> | undefined;
      // When the index's newest block was last seen still on the chain (a catch-up checks it too).
      let tipCheckedAt = Number.NEGATIVE_INFINITY;
      async function catchUp(): Promise<IndexStatus> {
        const at = clock.now();
        const status = await indexer.catchUp();
        tipCheckedAt = at;
        return status;
      }
      async function look(): Promise<IndexStatus> {
        const at = clock.now();
        const checkTip = at - tipCheckedAt >= TIP_CHECK_MS;
        const [status, tipHolds] = await Promise.all([indexer.status(), checkTip ? indexer.tipHolds() : true]);
        // An index past the head has blocks the chain no longer has (a reorganisation shortened it): the
        // catch-up undoes them first.
        const shortened = status.indexed_to > status.head;
        if (shortened || (status.behind > freshness.maxLagBlocks && status.behind <= freshness.inlineBlocks))
          return catchUp();
        // An index further behind answers nothing; one close enough answers only once its newest block is
        // still the chain's: a reorganisation that kept the height is undone (the catch-up's reorg path) first.
        if (status.behind > freshness.maxLagBlocks || !checkTip) return status;
        if (!tipHolds) return catchUp();
        tipCheckedAt = at;
        return status;
      }
      // Questions asked together (a wallet's several) share one look at the index.
      const fresh = () => {
        checking ??= look().finally(() => {
          checking = undefined;
        });
        return checking;
      };
      const ready = async () => (await fresh()).behind <= freshness.maxLagBlocks;
      const indexed = indexedHistory(
        db,
        { id: chain.spec.id, wrappedNative: chain.spec.wrapped_native, startBlock: chain.spec.start_block },
        ready,
      );
      const { explorer_api_url: url, explorer_api_key: apiKey } = chain.spec;
      if (!url) return { history: indexed, index: { ...indexer, fresh } };
      const explorer = explorerHistory({ url, apiKey }, explorerClient(), logger);
      // A node without trace_block leaves the index without internal transfers: the explorer tells them, for the
      // blocks the index covers.
      const coverage = async () => {
        const [traced, status] = await Promise.all([indexer.tracesServed(), fresh()]);
        return traced ? null : { from: chain.spec.start_block, to: status.indexed_to };
      };
      return {
        history: withFallback(
          withExplorerInternals(indexed, explorer, coverage, indexedTransactionsOf(db, chain.spec.id)),
          explorer,
        ),
        index: { ...indexer, fresh },
      };
    }) satisfies HistoryOf as HistoryOf,
  };
}
