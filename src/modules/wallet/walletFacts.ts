import { erc20Abi, parseAbi, type Address, type Hex } from 'viem';
import { InvalidArgumentError } from '../../core/domainErrors.ts';
import {
  chainErrorNote,
  type AddressActivity,
  type ChainRegistry,
  type LiquidityEvent,
  type NativeTransfer,
  type OnchainChain,
  type TokenTransfer,
} from '../onchain/index.ts';
import type { FlagRepository } from './flagRepository.ts';
import type { FlagRow } from './table.ts';

/** Transfers of each kind read per address: an address with more is read up to its oldest this many. */
const TRANSFERS_READ = 5_000;
/** Contracts an address deployed that are checked (the newest); the rest are listed unchecked. */
const CONTRACTS_CHECKED = 20;
/** Tokens whose balances are read (the ones it moved most recently). */
const TOKENS_READ = 50;
const CHECKS_AT_ONCE = 4;

/** What naughty_coin says of a contract, as the wallet tools use it. */
interface ContractRating {
  level: 'safe' | 'caution' | 'danger' | 'unknown';
  score: number;
  token: { name: string | null; symbol: string | null };
}
type CheckToken = (chain: string | number, address: Address) => Promise<ContractRating>;

export interface WalletDeps {
  chains: ChainRegistry;
  flags: FlagRepository;
  checkToken: CheckToken;
}

/** One counterparty of the address, both directions, native and token transfers together. */
export interface Counterparty {
  address: Address;
  sent: number;
  received: number;
  nativeSent: bigint;
  nativeReceived: bigint;
  /** The first transfer between them, either way. */
  firstTx: Hex;
  /** The first transfers each way (at most two received: the funding one and another). */
  sentTxs: Hex[];
  receivedTxs: Hex[];
  flag: FlagRow | null;
}

interface DeployedContract {
  address: Address;
  rating: ContractRating | null;
  /** Why there is no rating: not a token, not checked (past the limit), the check failed. */
  note: string | null;
}

interface PoolExit {
  pair: Address;
  token: Address;
  addedNative: bigint;
  removedNative: bigint;
  /** What it took out against what the pool held before (removed + what is left now); null when unreadable. */
  removedPct: number | null;
  largestRemovalTx: Hex | null;
}

/** Everything the wallet tools read about an address, once; each history part null when not at hand. */
export interface WalletFacts {
  chain: OnchainChain;
  address: Address;
  block: bigint;
  isContract: boolean;
  /** Who deployed it, for a contract (null: not a contract, or its creator is not known). */
  creator: Address | null;
  nativeBalance: bigint;
  tokenBalances: Array<{ token: Address; symbol: string | null; decimals: number; balance: bigint }> | null;
  native: NativeTransfer[] | null;
  tokens: TokenTransfer[] | null;
  activity: AddressActivity | null;
  counterparties: Counterparty[] | null;
  funding: NativeTransfer | null;
  contracts: DeployedContract[] | null;
  pools: PoolExit[] | null;
  flag: FlagRow | null;
  flags: Map<string, FlagRow>;
  notes: string[];
}

const pairAbi = parseAbi([
  'function getReserves() view returns (uint112, uint112, uint32)',
  'function token0() view returns (address)',
]);

const lower = (a: string) => a.toLowerCase();

/** Runs `work` over `items`, `atOnce` at a time, keeping their order; stops taking new ones once `signal` aborts. */
async function mapLimited<T, R>(
  items: readonly T[],
  atOnce: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, lane));
  return results;
}

function counterpartiesOf(address: Address, transfers: ReadonlyArray<NativeTransfer | TokenTransfer>): Counterparty[] {
  const self = lower(address);
  const byAddress = new Map<string, Counterparty>();
  for (const t of transfers) {
    const outbound = lower(t.from) === self;
    const other = outbound ? t.to : t.from;
    if (lower(other) === self) continue;
    let entry = byAddress.get(lower(other));
    if (!entry) {
      entry = {
        address: other,
        firstTx: t.tx_hash,
        sent: 0,
        received: 0,
        nativeSent: 0n,
        nativeReceived: 0n,
        sentTxs: [],
        receivedTxs: [],
        flag: null,
      };
      byAddress.set(lower(other), entry);
    }
    const native = !('token' in t);
    if (outbound) {
      entry.sent++;
      if (native) entry.nativeSent += t.value;
      if (entry.sentTxs.length < 1) entry.sentTxs.push(t.tx_hash);
    } else {
      entry.received++;
      if (native) entry.nativeReceived += t.value;
      if (entry.receivedTxs.length < 2 && !entry.receivedTxs.includes(t.tx_hash)) entry.receivedTxs.push(t.tx_hash);
    }
  }
  return [...byAddress.values()];
}

/** Oldest first by block, then by log order for token transfers (native ones first in their block). */
const byTime = (a: NativeTransfer | TokenTransfer, b: NativeTransfer | TokenTransfer) =>
  a.block - b.block || ('log_index' in a ? a.log_index : -1) - ('log_index' in b ? b.log_index : -1);

/** What the chain and its history say about an address; a chain that fails a call fails the whole read. */
export async function gatherWalletFacts(
  deps: WalletDeps,
  chainRef: string | number,
  address: Address,
  /** The tool call's: once it times out, no further contract is checked. */
  signal?: AbortSignal,
): Promise<WalletFacts> {
  const chain = await deps.chains.resolve(chainRef);
  const { client, history } = chain;
  const notes: string[] = [];
  const block = await client.getBlockNumber();
  const [code, nativeBalance, native, tokens, created, liquidity, activity, index] = await Promise.all([
    client.getCode({ address, blockNumber: block }),
    client.getBalance({ address, blockNumber: block }),
    history.nativeTransfers(address, TRANSFERS_READ),
    history.tokenTransfers(address, TRANSFERS_READ),
    history.contractsCreatedBy(address),
    history.liquidityEvents(address),
    history.activity(address),
    // The same look at the index the history reads share.
    chain.index.fresh(),
  ]);
  const missing = (what: string) => notes.push(`${what}: the chain's history is not at hand (not indexed yet)`);
  if (!native) missing('native transfers');
  if (!tokens) missing('token transfers');
  if (!created) missing('contracts deployed');
  if (!liquidity) missing('liquidity events');
  if (!activity) missing('first and last activity');
  // An index a few blocks behind the head still answers (ONCHAIN_INDEX_MAX_LAG_BLOCKS) while the balances are read
  // at the head: a wallet funded in those blocks would read as funded by no one, with nothing to say so.
  if (index.behind > 0 && [native, tokens, created, liquidity, activity].some((part) => part !== null))
    notes.push(
      `the history is indexed up to block ${index.indexed_to}, ${index.behind} block(s) behind the head: ` +
        'what this address did in them is not counted yet',
    );
  for (const [list, what] of [
    [native, 'native'],
    [tokens, 'token'],
  ] as const)
    if (list && list.length >= TRANSFERS_READ)
      notes.push(`only the oldest ${TRANSFERS_READ} ${what} transfers are read`);

  const transfers = native || tokens ? [...(native ?? []), ...(tokens ?? [])].sort(byTime) : null;
  const counterparties = transfers ? counterpartiesOf(address, transfers) : null;
  const flags = await deps.flags.find(chain.spec.id, [
    lower(address),
    ...(counterparties ?? []).map((c) => lower(c.address)),
  ]);
  for (const c of counterparties ?? []) c.flag = flags.get(lower(c.address)) ?? null;
  const funding = native?.find((t) => lower(t.to) === lower(address) && t.value > 0n) ?? null;

  const isContract = !!code && code !== '0x';
  const [tokenBalances, contracts, pools, creator] = await Promise.all([
    tokens ? readTokenBalances(chain, address, tokens, block) : null,
    created ? rateContracts(deps, chain, created, notes, signal) : null,
    liquidity ? poolExits(chain, liquidity, block) : null,
    // "Who deployed it?" of a token is asked of this tool: its creator answers it (asked of contracts only, so a
    // wallet's read costs no explorer call).
    isContract ? history.creatorOf(address) : null,
  ]);
  return {
    chain,
    address,
    block,
    isContract,
    creator,
    nativeBalance,
    tokenBalances,
    native,
    tokens,
    activity,
    counterparties,
    funding,
    contracts,
    pools,
    flag: flags.get(lower(address)) ?? null,
    flags,
    notes,
  };
}

/** Current balances of the tokens it moved (the most recent first), in one multicall; zero balances left out. */
async function readTokenBalances(chain: OnchainChain, address: Address, tokens: TokenTransfer[], block: bigint) {
  const seen = new Set<string>();
  const recent: Address[] = [];
  for (let i = tokens.length - 1; i >= 0 && recent.length < TOKENS_READ; i--) {
    const token = tokens[i]!.token;
    if (!seen.has(lower(token))) {
      seen.add(lower(token));
      recent.push(token);
    }
  }
  const reads = recent.flatMap((token) => [
    { address: token, abi: erc20Abi, functionName: 'balanceOf', args: [address] } as const,
    { address: token, abi: erc20Abi, functionName: 'symbol' } as const,
    { address: token, abi: erc20Abi, functionName: 'decimals' } as const,
  ]);
  const results = await chain.readMany(reads, block);
  return recent.flatMap((token, i) => {
    const [balance, symbol, decimals] = results.slice(i * 3, i * 3 + 3);
    if (balance?.status !== 'success' || decimals?.status !== 'success') return [];
    const amount = balance.result as bigint;
    if (amount === 0n) return [];
    return [
      {
        token,
        symbol: symbol?.status === 'success' ? String(symbol.result) : null,
        decimals: Number(decimals.result),
        balance: amount,
      },
    ];
  });
}

/** naughty_coin's level for the newest contracts it deployed; a contract that is no token says so. */
async function rateContracts(
  deps: WalletDeps,
  chain: OnchainChain,
  created: Address[],
  notes: string[],
  signal: AbortSignal | undefined,
): Promise<DeployedContract[]> {
  const checked = created.slice(-CONTRACTS_CHECKED);
  if (created.length > CONTRACTS_CHECKED)
    notes.push(`deployed ${created.length} contracts: the newest ${CONTRACTS_CHECKED} are checked`);
  const ratings = await mapLimited(checked, CHECKS_AT_ONCE, signal, async (contract): Promise<DeployedContract> => {
    try {
      return { address: contract, rating: await deps.checkToken(chain.spec.id, contract), note: null };
    } catch (err) {
      if (err instanceof InvalidArgumentError && err.field === 'address')
        return { address: contract, rating: null, note: 'not a token' };
      return { address: contract, rating: null, note: `the check failed: ${chainErrorNote(err)}` };
    }
  });
  const older = created
    .slice(0, created.length - checked.length)
    .map((contract) => ({ address: contract, rating: null, note: 'not checked (too many contracts)' }));
  return [...older, ...ratings];
}

/** Per pool it provided: what it added and removed on the native side, and the share of the pool it took out. */
async function poolExits(chain: OnchainChain, events: LiquidityEvent[], block: bigint): Promise<PoolExit[]> {
  const byPair = new Map<string, PoolExit & { largest: bigint }>();
  for (const e of events) {
    let pool = byPair.get(lower(e.pair));
    if (!pool) {
      pool = {
        pair: e.pair,
        token: e.token,
        addedNative: 0n,
        removedNative: 0n,
        removedPct: null,
        largestRemovalTx: null,
        largest: 0n,
      };
      byPair.set(lower(e.pair), pool);
    }
    if (e.kind === 'mint') pool.addedNative += e.native_amount;
    else {
      pool.removedNative += e.native_amount;
      if (e.native_amount >= pool.largest) {
        pool.largest = e.native_amount;
        pool.largestRemovalTx = e.tx_hash;
      }
    }
  }
  const pools = [...byPair.values()];
  const reads = pools.flatMap((p) => [
    { address: p.pair, abi: pairAbi, functionName: 'getReserves' } as const,
    { address: p.pair, abi: pairAbi, functionName: 'token0' } as const,
  ]);
  const results = await chain.readMany(reads, block);
  const wrapped = lower(chain.spec.wrapped_native);
  return pools.map(({ largest: _largest, ...pool }, i) => {
    const [reserves, token0] = results.slice(i * 2, i * 2 + 2);
    if (pool.removedNative > 0n && reserves?.status === 'success' && token0?.status === 'success') {
      const [r0, r1] = reserves.result as [bigint, bigint, number];
      const left = lower(String(token0.result)) === wrapped ? r0 : r1;
      pool.removedPct = Number((pool.removedNative * 10_000n) / (pool.removedNative + left)) / 100;
    } else if (pool.removedNative === 0n) pool.removedPct = 0;
    return pool;
  });
}
