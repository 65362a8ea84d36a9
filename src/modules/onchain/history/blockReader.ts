import { parseAbiItem, type Hex } from 'viem';
import type { ChainClient } from '../chains/chainClient.ts';

const transferEvent = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');
const pairCreatedEvent = parseAbiItem(
  'event PairCreated(address indexed token0, address indexed token1, address pair, uint256 index)',
);
const mintEvent = parseAbiItem('event Mint(address indexed sender, uint256 amount0, uint256 amount1)');
const burnEvent = parseAbiItem(
  'event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to)',
);
const swapEvent = parseAbiItem(
  'event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)',
);

const lower = (a: string) => a.toLowerCase();

interface BlockRow {
  number: number;
  hash: string;
  parentHash: string;
}
interface TransactionRow {
  hash: string;
  block: number;
  txIndex: number;
  from: string;
  to: string | null;
  value: bigint;
  created: string | null;
  timestamp: Date;
}
interface TokenTransferRow {
  block: number;
  logIndex: number;
  txHash: string;
  token: string;
  from: string;
  to: string;
  value: bigint;
  timestamp: Date;
}
interface PairRow {
  pair: string;
  factory: string;
  token0: string;
  token1: string;
  /** Null (with the transaction, creator and time) for a pool created before start_block, found by its factory. */
  block: number | null;
  txHash: string | null;
  creator: string | null;
  timestamp: Date | null;
}
interface PairEventRow {
  block: number;
  logIndex: number;
  txHash: string;
  pair: string;
  kind: 'mint' | 'burn' | 'swap';
  account: string;
  amount0In: bigint;
  amount1In: bigint;
  amount0Out: bigint;
  amount1Out: bigint;
  timestamp: Date;
}

interface InternalTransferRow {
  block: number;
  traceIndex: number;
  txIndex: number;
  txHash: string;
  from: string;
  to: string;
  value: bigint;
  timestamp: Date;
}

/** What one batch of blocks holds for the index. Pair events are of every pool; the store keeps its known pools'. */
export interface BlockBatch {
  blocks: BlockRow[];
  transactions: TransactionRow[];
  /** Empty when the batch was read without traces (the node has no trace API). */
  internalTransfers: InternalTransferRow[];
  tokenTransfers: TokenTransferRow[];
  pairs: PairRow[];
  pairEvents: PairEventRow[];
}

/** One entry of `trace_block` (OpenEthereum's trace format, which Erigon, Nethermind, Reth and anvil answer). */
interface Trace {
  type: string;
  action: {
    from?: string;
    to?: string;
    value?: string;
    callType?: string;
    address?: string;
    refundAddress?: string;
    balance?: string;
  };
  error?: string;
  traceAddress: number[];
  transactionHash: string | null;
  transactionPosition: number | null;
}

/** JSON-RPC errors a node answers for a method it does not serve. */
const NOT_SERVED = new Set([-32601, -32004]);
const NOT_SERVED_TEXT =
  /method .*(not (found|supported|available|exist))|does not exist|not supported|unsupported|not available/i;

/** The node has no trace API (`trace_block`): internal transfers cannot be read from it. */
export class TracesUnavailable extends Error {}

/**
 * The value moved by calls inside transactions (not the transactions' own value, which the transaction rows
 * hold), and the balances contracts SELFDESTRUCT sends on; none of a frame that reverted, or of its calls.
 */
function internalTransfersOf(traces: readonly Trace[], block: number, timestamp: Date): InternalTransferRow[] {
  const rows: InternalTransferRow[] = [];
  // Frames that failed, as `<tx>:<trace address>`; traces come parent first, so a call inside one is seen after it.
  const reverted: string[] = [];
  traces.forEach((trace, traceIndex) => {
    const path = `${trace.transactionHash}:${trace.traceAddress.join('.')}`;
    const insideFailed = reverted.some((frame) => path.startsWith(frame.endsWith(':') ? frame : `${frame}.`));
    if (trace.error) reverted.push(path);
    // The transaction's own value is its row's; a call that failed, or ran inside one that did, moved nothing.
    if (trace.error || insideFailed || trace.traceAddress.length === 0 || !trace.transactionHash) return;
    const { action } = trace;
    const call = trace.type === 'call' && action.callType === 'call' && action.from && action.to && action.value;
    const destruct = trace.type === 'suicide' && action.address && action.refundAddress && action.balance;
    if (!call && !destruct) return;
    const value = BigInt((call ? action.value : action.balance)!);
    if (value === 0n) return;
    rows.push({
      block,
      traceIndex,
      txIndex: trace.transactionPosition ?? 0,
      txHash: lower(trace.transactionHash),
      from: lower((call ? action.from : action.address)!),
      to: lower((call ? action.to : action.refundAddress)!),
      value,
      timestamp,
    });
  });
  return rows;
}

/** `trace_block` of each block; throws TracesUnavailable when the node does not serve it. */
async function readTraces(chain: ChainClient, numbers: readonly number[]): Promise<Trace[][]> {
  const request = chain.client.request as unknown as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  try {
    return (await Promise.all(
      numbers.map((n) => request({ method: 'trace_block', params: [`0x${n.toString(16)}`] })),
    )) as Trace[][];
  } catch (err) {
    const { code, message } = findRpcError(err);
    if ((code !== undefined && NOT_SERVED.has(code)) || NOT_SERVED_TEXT.test(message))
      throw new TracesUnavailable(message);
    throw err;
  }
}

/** Whether the chain's node answers `trace_block` (asked of one block); other failures are thrown. */
export async function servesTraces(chain: ChainClient, block: number): Promise<boolean> {
  try {
    await readTraces(chain, [block]);
    return true;
  } catch (err) {
    if (err instanceof TracesUnavailable) return false;
    throw err;
  }
}

/** The JSON-RPC error under viem's wrappers. */
function findRpcError(err: unknown): { code: number | undefined; message: string } {
  let at = err as
    | { code?: number; details?: string; shortMessage?: string; message?: string; cause?: unknown }
    | undefined;
  while (at) {
    if (typeof at.code === 'number' && at.code < 0) return { code: at.code, message: at.details ?? at.message ?? '' };
    at = at.cause as typeof at;
  }
  return { code: undefined, message: (err as Error)?.message ?? String(err) };
}

/**
 * Reads blocks `from`..`to` (inclusive): the blocks with their transactions (one JSON-RPC batch), the logs of
 * the five events in one eth_getLogs, the receipts of deployments only (the created address), and with
 * `traces` each block's `trace_block` for internal transfers (TracesUnavailable when the node has none).
 */
export async function readBlocks(
  chain: ChainClient,
  from: number,
  to: number,
  { traces }: { traces: boolean },
): Promise<BlockBatch> {
  const { client } = chain;
  const numbers = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const [blocks, logs, blockTraces] = await Promise.all([
    Promise.all(numbers.map((n) => client.getBlock({ blockNumber: BigInt(n), includeTransactions: true }))),
    // strict: a log that does not decode as the event (an ERC-721 Transfer, with its fourth topic) is left out.
    client.getLogs({
      fromBlock: BigInt(from),
      toBlock: BigInt(to),
      events: [transferEvent, pairCreatedEvent, mintEvent, burnEvent, swapEvent],
      strict: true,
    }),
    traces ? readTraces(chain, numbers) : null,
  ]);
  const timeOf = new Map<number, Date>();
  const senderOf = new Map<string, string>();
  const transactions: TransactionRow[] = [];
  const deployments: TransactionRow[] = [];
  for (const block of blocks) {
    const timestamp = new Date(Number(block.timestamp) * 1000);
    timeOf.set(Number(block.number), timestamp);
    for (const tx of block.transactions) {
      const row: TransactionRow = {
        hash: lower(tx.hash),
        block: Number(block.number),
        txIndex: tx.transactionIndex ?? 0,
        from: lower(tx.from),
        to: tx.to ? lower(tx.to) : null,
        value: tx.value,
        created: null,
        timestamp,
      };
      senderOf.set(row.hash, row.from);
      transactions.push(row);
      if (!tx.to) deployments.push(row);
    }
  }
  const receipts = await Promise.all(deployments.map((d) => client.getTransactionReceipt({ hash: d.hash as Hex })));
  deployments.forEach((d, i) => {
    const receipt = receipts[i];
    if (receipt?.status === 'success' && receipt.contractAddress) d.created = lower(receipt.contractAddress);
  });

  const factories = new Set(chain.spec.dexes.map((d) => lower(d.factory)));
  const batch: BlockBatch = {
    blocks: blocks.map((b) => ({ number: Number(b.number), hash: lower(b.hash), parentHash: lower(b.parentHash) })),
    transactions,
    internalTransfers: blocks.flatMap((b, i) =>
      blockTraces?.[i] ? internalTransfersOf(blockTraces[i], Number(b.number), timeOf.get(Number(b.number))!) : [],
    ),
    tokenTransfers: [],
    pairs: [],
    pairEvents: [],
  };
  for (const log of logs) {
    if (log.removed) continue;
    const block = Number(log.blockNumber);
    const at = {
      block,
      logIndex: log.logIndex,
      txHash: lower(log.transactionHash),
      timestamp: timeOf.get(block) ?? new Date(0),
    };
    const account = senderOf.get(at.txHash) ?? lower(log.address);
    const amounts = { amount0In: 0n, amount1In: 0n, amount0Out: 0n, amount1Out: 0n };
    switch (log.eventName) {
      case 'Transfer':
        batch.tokenTransfers.push({
          ...at,
          token: lower(log.address),
          from: lower(log.args.from),
          to: lower(log.args.to),
          value: log.args.value,
        });
        break;
      case 'PairCreated':
        if (factories.has(lower(log.address)))
          batch.pairs.push({
            pair: lower(log.args.pair),
            factory: lower(log.address),
            token0: lower(log.args.token0),
            token1: lower(log.args.token1),
            block,
            txHash: at.txHash,
            creator: account,
            timestamp: at.timestamp,
          });
        break;
      case 'Mint':
        batch.pairEvents.push({
          ...at,
          pair: lower(log.address),
          kind: 'mint',
          account,
          ...amounts,
          amount0In: log.args.amount0,
          amount1In: log.args.amount1,
        });
        break;
      case 'Burn':
        batch.pairEvents.push({
          ...at,
          pair: lower(log.address),
          kind: 'burn',
          account,
          ...amounts,
          amount0Out: log.args.amount0,
          amount1Out: log.args.amount1,
        });
        break;
      case 'Swap':
        batch.pairEvents.push({
          ...at,
          pair: lower(log.address),
          kind: 'swap',
          account,
          amount0In: log.args.amount0In,
          amount1In: log.args.amount1In,
          amount0Out: log.args.amount0Out,
          amount1Out: log.args.amount1Out,
        });
        break;
    }
  }
  return batch;
}

/** The hashes of blocks by number (null: the chain has no such block now, as after a reorganisation shortened it). */
export async function blockHashes(chain: ChainClient, numbers: readonly number[]): Promise<Array<string | null>> {
  return Promise.all(
    numbers.map((n) =>
      chain.client.getBlock({ blockNumber: BigInt(n) }).then(
        (b) => lower(b.hash),
        (err: Error) => {
          if (err.name === 'BlockNotFoundError') return null;
          throw err;
        },
      ),
    ),
  );
}
