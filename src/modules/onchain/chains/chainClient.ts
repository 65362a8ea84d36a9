import { AsyncLocalStorage } from 'node:async_hooks';
import {
  createPublicClient,
  defineChain,
  http,
  type Abi,
  type Address,
  type ContractFunctionParameters,
  type PublicClient,
  type Transport,
} from 'viem';
import { systemClock } from '../../../core/clock.ts';
import { untilAborted } from '../../../core/deadline.ts';
import { createRateLimit } from '../../../core/outbound/requestRateLimit.ts';
import type { ConfiguredChain } from './chainSpec.ts';

/** Multicall3, at the same address wherever it is deployed (github.com/mds1/multicall). */
export const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11';

export interface ChainAccess {
  /** Longest wait for one JSON-RPC answer (each retry has its own). */
  timeoutMs: number;
  /** JSON-RPC calls per second to this chain; null: unlimited (the embedded local chain). */
  ratePerSecond: number | null;
}

/** One read in a `readMany`: a contract function and its arguments. */
type Read = ContractFunctionParameters<Abi, 'view' | 'pure', string>;
type ReadResult = { status: 'success'; result: unknown } | { status: 'failure'; error: Error };

/** A chain the tools can query: its spec and a client with deadlines, retries, a request limit and batching. */
export interface ChainClient {
  spec: ConfiguredChain;
  client: PublicClient;
  /** Several reads at once: one multicall where Multicall3 is deployed, else one JSON-RPC batch; each may fail alone. */
  readMany(reads: readonly Read[], blockNumber?: bigint): Promise<ReadResult[]>;
}

/**
 * The signal of the tool call a JSON-RPC request is made for. A check makes dozens of calls through a chain's
 * request budget; once its tool call has timed out or been cancelled, its calls must not hold up the calls still
 * waiting for answers behind it. They go out at once, spending nothing: dropping them instead would fail every
 * other call viem joined to the same request (it dedupes identical requests in flight, the head's block number
 * first of all), and the few checks running per chain (check/checkSlots.ts) bound how many there can be.
 */
const callSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` on behalf of the tool call `signal` belongs to: once it aborts, its requests stop waiting their turn. */
export const forCall = <T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> => callSignal.run(signal, work);

/** The signal of the tool call the current work is for (see forCall), if any. */
export const currentCallSignal = (): AbortSignal | undefined => callSignal.getStore();

/** Waits for a token of the chain's request budget (calls beyond it queue in arrival order), or until `signal` aborts. */
function requestGate(perSecond: number): (signal: AbortSignal | undefined) => Promise<void> {
  const limit = createRateLimit({ perMinute: perSecond * 60, capacity: Math.max(1, perSecond), clock: systemClock });
  let queue = Promise.resolve();
  return (signal) => {
    // An aborted call's turn passes unspent when it comes; the call itself stops waiting as soon as it aborts.
    const turn = queue.then(() => limit.take(signal));
    queue = turn;
    return signal ? untilAborted(turn, signal).catch(() => {}) : turn;
  };
}

/** The transport with every call waiting for the gate first (retries inside a call do not queue again). */
function gated(inner: Transport, gate: (signal: AbortSignal | undefined) => Promise<void>): Transport {
  return (params) => {
    const transport = inner(params);
    const request: typeof transport.request = async (args, options) => {
      await gate(currentCallSignal());
      return transport.request(args, options);
    };
    return { ...transport, request };
  };
}

/**
 * JSON-RPC requests per batch. Nodes and hosted providers cap a batch's count and its body (anvil refuses a body above
 * ~2 MB): with the calls above BATCHED_PARAMS_MAX sent alone, a batch stays under 400 KB.
 */
const BATCH_SIZE = 50;
/** Parameters larger than this (a call carrying code in a state override: 60–95 KB) travel alone, not in a batch. */
const BATCHED_PARAMS_MAX = 8_192;

/** Each call through `batched`, except those whose parameters are large: those go through `alone`. */
function batchedUnlessLarge(batched: Transport, alone: Transport): Transport {
  return (params) => {
    const inBatch = batched(params);
    const single = alone(params);
    const request: typeof inBatch.request = (args, options) => {
      const large = args.params !== undefined && JSON.stringify(args.params).length > BATCHED_PARAMS_MAX;
      return (large ? single : inBatch).request(args, options);
    };
    return { ...inBatch, request };
  };
}

export function createChainClient(spec: ConfiguredChain, access: ChainAccess): ChainClient {
  // Calls made in the same tick travel as one JSON-RPC batch (but large ones); a failed request is retried twice
  // with backoff (150, 300 ms).
  const options = { timeout: access.timeoutMs, retryCount: 2, retryDelay: 150 };
  const transport = batchedUnlessLarge(
    http(spec.rpc_url, { ...options, batch: { batchSize: BATCH_SIZE, wait: 0 } }),
    http(spec.rpc_url, options),
  );
  const chain = defineChain({
    id: spec.id,
    name: spec.name,
    nativeCurrency: { name: 'native', symbol: 'NATIVE', decimals: 18 },
    rpcUrls: { default: { http: [spec.rpc_url] } },
  });
  const client = createPublicClient({
    chain,
    transport: access.ratePerSecond === null ? transport : gated(transport, requestGate(access.ratePerSecond)),
    pollingInterval: 250,
  }) as PublicClient;

  let multicall: Promise<boolean> | undefined;
  const hasMulticall = () => {
    multicall ??= client.getCode({ address: MULTICALL3 }).then(
      (code) => !!code && code !== '0x',
      (err) => {
        multicall = undefined; // ask again next time: the chain may have been unreachable
        throw err;
      },
    );
    return multicall;
  };

  return {
    spec,
    client,
    async readMany(reads, blockNumber) {
      if (reads.length === 0) return [];
      const one = (read: Read) =>
        client.readContract({ ...read, blockNumber }).then(
          (result): ReadResult => ({ status: 'success', result }),
          (error: Error): ReadResult => ({ status: 'failure', error }),
        );
      if (await hasMulticall()) {
        const results = (await client.multicall({
          contracts: reads as Read[],
          allowFailure: true,
          multicallAddress: MULTICALL3,
          blockNumber,
        })) as ReadResult[];
        // Every read failing says more about the multicall (its gas, the node) than about the contracts: ask each.
        if (results.some((r) => r.status === 'success')) return results;
      }
      return Promise.all(reads.map((read) => one(read as Read)));
    },
  };
}
