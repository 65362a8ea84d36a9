import { fileURLToPath } from 'node:url';
import { bigint, index, integer, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { ModuleMigrations } from '../../core/db/moduleMigrations.ts';

/*
 * The chain index: what the indexer read from each chain, keyed by chain id. Addresses and hashes are
 * lower-case hex; amounts are numeric(78) (any uint256). Every row carries its block, so a reorganisation
 * deletes from the fork point in each table, and every table's key makes a second write of a row a no-op.
 */

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const block = (name = 'block') => bigint(name, { mode: 'number' });
const uint = (name: string) => numeric(name, { precision: 78, scale: 0 });

/** How far each chain is indexed: the next block to read, and its first block's hash (a different chain under the same id resets it). */
export const indexCursors = pgTable('onchain_index_cursors', {
  chainId: integer('chain_id').primaryKey(),
  nextBlock: block('next_block').notNull(),
  genesisHash: text('genesis_hash').notNull(),
  updatedAt: time('updated_at').notNull().defaultNow(),
});

/** The hashes of the last blocks read (the reorganisation depth), re-read on every pass. */
export const indexedBlocks = pgTable(
  'onchain_indexed_blocks',
  {
    chainId: integer('chain_id').notNull(),
    number: block('number').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ name: 'onchain_indexed_blocks_pkey', columns: [t.chainId, t.number] })],
);

/** Every transaction: its value is the native transfer; `created` the contract a deployment made. */
export const transactions = pgTable(
  'onchain_transactions',
  {
    chainId: integer('chain_id').notNull(),
    hash: text('hash').notNull(),
    block: block().notNull(),
    txIndex: integer('tx_index').notNull(),
    from: text('from').notNull(),
    to: text('to'),
    value: uint('value').notNull(),
    created: text('created'),
    timestamp: time('timestamp').notNull(),
  },
  (t) => [
    primaryKey({ name: 'onchain_transactions_pkey', columns: [t.chainId, t.hash] }),
    index('onchain_transactions_from_idx').on(t.chainId, t.from, t.block),
    index('onchain_transactions_to_idx').on(t.chainId, t.to, t.block),
    index('onchain_transactions_created_idx').on(t.chainId, t.created),
    index('onchain_transactions_block_idx').on(t.chainId, t.block),
  ],
);

/**
 * Internal native transfers: value a contract sent on in a call (a router paying out a sale, WETH unwrapping),
 * from the node's trace API (`trace_block`) where it has one. `trace_index` is the call's place in the block's
 * traces; calls inside a reverted frame are left out.
 */
export const internalTransfers = pgTable(
  'onchain_internal_transfers',
  {
    chainId: integer('chain_id').notNull(),
    block: block().notNull(),
    traceIndex: integer('trace_index').notNull(),
    txIndex: integer('tx_index').notNull(),
    txHash: text('tx_hash').notNull(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    value: uint('value').notNull(),
    timestamp: time('timestamp').notNull(),
  },
  (t) => [
    primaryKey({ name: 'onchain_internal_transfers_pkey', columns: [t.chainId, t.block, t.traceIndex] }),
    index('onchain_internal_transfers_from_idx').on(t.chainId, t.from, t.block),
    index('onchain_internal_transfers_to_idx').on(t.chainId, t.to, t.block),
  ],
);

/** ERC-20 `Transfer` logs (three topics and a 32-byte value: ERC-721's have a fourth topic). */
export const tokenTransfers = pgTable(
  'onchain_token_transfers',
  {
    chainId: integer('chain_id').notNull(),
    block: block().notNull(),
    logIndex: integer('log_index').notNull(),
    txHash: text('tx_hash').notNull(),
    token: text('token').notNull(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    value: uint('value').notNull(),
    timestamp: time('timestamp').notNull(),
  },
  (t) => [
    primaryKey({ name: 'onchain_token_transfers_pkey', columns: [t.chainId, t.block, t.logIndex] }),
    index('onchain_token_transfers_token_idx').on(t.chainId, t.token),
    index('onchain_token_transfers_from_idx').on(t.chainId, t.from, t.block),
    index('onchain_token_transfers_to_idx').on(t.chainId, t.to, t.block),
  ],
);

/**
 * Uniswap V2 pools of the chain's configured factories: from their `PairCreated`, or, for a pool created before
 * the index's start_block, found when its events first appear (its factory's getPair names it): such a pool's
 * block, transaction, creator and time are unknown (null), and no reorganisation deletes it.
 */
export const pairs = pgTable(
  'onchain_pairs',
  {
    chainId: integer('chain_id').notNull(),
    pair: text('pair').notNull(),
    factory: text('factory').notNull(),
    token0: text('token0').notNull(),
    token1: text('token1').notNull(),
    block: block(),
    txHash: text('tx_hash'),
    creator: text('creator'),
    timestamp: time('timestamp'),
  },
  (t) => [
    primaryKey({ name: 'onchain_pairs_pkey', columns: [t.chainId, t.pair] }),
    index('onchain_pairs_block_idx').on(t.chainId, t.block),
    index('onchain_pairs_token0_idx').on(t.chainId, t.token0),
    index('onchain_pairs_token1_idx').on(t.chainId, t.token1),
  ],
);

/** A known pool's `Mint`, `Burn` and `Swap` events with the transaction's sender (who added, removed or traded). */
export const pairEvents = pgTable(
  'onchain_pair_events',
  {
    chainId: integer('chain_id').notNull(),
    block: block().notNull(),
    logIndex: integer('log_index').notNull(),
    txHash: text('tx_hash').notNull(),
    pair: text('pair').notNull(),
    kind: text('kind').$type<'mint' | 'burn' | 'swap'>().notNull(),
    account: text('account').notNull(),
    amount0In: uint('amount0_in').notNull(),
    amount1In: uint('amount1_in').notNull(),
    amount0Out: uint('amount0_out').notNull(),
    amount1Out: uint('amount1_out').notNull(),
    timestamp: time('timestamp').notNull(),
  },
  (t) => [
    primaryKey({ name: 'onchain_pair_events_pkey', columns: [t.chainId, t.block, t.logIndex] }),
    index('onchain_pair_events_account_idx').on(t.chainId, t.account, t.block),
    index('onchain_pair_events_pair_idx').on(t.chainId, t.pair, t.block),
  ],
);

/**
 * How far the on-chain agent has scanned each chain's new pools: the next block whose pairs it checks. A
 * reorganisation the index undoes moves it back to the fork and counts in `rewinds`, which the agent's
 * compare-and-set includes: a pass that read pools the reorganisation removed does not move it past their blocks.
 */
export const agentCursors = pgTable('onchain_agent_cursors', {
  chainId: integer('chain_id').primaryKey(),
  nextBlock: block('next_block').notNull(),
  rewinds: integer('rewinds').notNull().default(0),
  updatedAt: time('updated_at').notNull().defaultNow(),
});

/** Tokens the on-chain agent published, so each is published once (whichever node, whatever restarts). */
export const agentPublished = pgTable(
  'onchain_agent_published',
  {
    chainId: integer('chain_id').notNull(),
    token: text('token').notNull(),
    publishedAt: time('published_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'onchain_agent_published_pkey', columns: [t.chainId, t.token] })],
);

/** Every table whose rows belong to a block: a reorganisation deletes from the fork point in each. */
export const blockTables = [transactions, internalTransfers, tokenTransfers, pairs, pairEvents] as const;

export const onchainMigrations: ModuleMigrations = {
  module: 'onchain',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
};
