import { getAddress, isAddress, type Address, type Hex } from 'viem';
import { z } from 'zod';
import type { Logger } from '../../../core/logger.ts';
import { chainErrorNote } from '../chains/chainError.ts';
import type { HttpClient } from '../../../core/outbound/httpClient.ts';
import type { ChainHistory, NativeTransfer, SourceVerification, TokenTransfer } from './chainHistory.ts';

/** Etherscan answers at most this many rows a page; a list that fills it may be cut, so it is not taken as whole. */
const PAGE = 10_000;
/** Internal transfers an activity answer reads (a page of rows: failed and valueless ones are left out). */
const ACTIVITY_ROWS = PAGE / 4;

/** Every Etherscan-compatible answer: status "1" with a result, or "0" with a message (and the reason in result). */
const envelope = z.object({ status: z.string(), message: z.string(), result: z.unknown() });

const numeric = z.string().regex(/^\d+$/);
const addressText = z.string().refine((v) => v === '' || isAddress(v, { strict: false }));
const txRow = z.object({
  blockNumber: numeric,
  timeStamp: numeric,
  hash: z.string(),
  from: addressText,
  to: addressText,
  value: numeric,
  contractAddress: addressText.optional(),
  isError: z.string().optional(),
});
const tokenTxRow = txRow.extend({ contractAddress: addressText, logIndex: numeric.optional() });
const creationRow = z.object({ contractAddress: addressText, contractCreator: addressText, txHash: z.string() });
/**
 * txlistinternal's row (Etherscan's fields; Blockscout's compatible API names the transaction `transactionHash`).
 * `type` is call, create, create2, delegatecall, suicide…; `isError` "1" marks a call that failed (with `errCode`).
 */
const internalRow = z
  .object({
    blockNumber: numeric,
    timeStamp: numeric,
    hash: z.string().optional(),
    transactionHash: z.string().optional(),
    from: addressText,
    to: addressText,
    value: numeric,
    contractAddress: addressText.optional(),
    input: z.string().optional(),
    type: z.string(),
    gas: z.string().optional(),
    gasUsed: z.string().optional(),
    traceId: z.string().optional(),
    isError: z.enum(['0', '1']),
    errCode: z.string().optional(),
  })
  .refine((r) => r.hash || r.transactionHash, { message: 'a row without its transaction hash' });
type InternalRow = z.infer<typeof internalRow>;
/** Row types that move value from one account to another: a call's value, and a SELFDESTRUCT's balance to its beneficiary. */
const VALUE_MOVES = new Set(['call', 'suicide', 'selfdestruct']);
/** An internal transfer as the index keeps them from traces: value moved to an account by a call that did not fail. */
const movesValue = (t: InternalRow) =>
  VALUE_MOVES.has(t.type.toLowerCase()) && t.isError !== '1' && t.to !== '' && t.value !== '0';

/** getsourcecode's row: SourceCode is empty (ABI "Contract source code not verified") until someone verifies it. */
const sourceRow = z.object({ SourceCode: z.string(), ContractName: z.string().optional() });

/** The explorer answered something other than rows: an error ("NOTOK", a rate limit) or a shape not expected. */
class ExplorerError extends Error {}

const time = (seconds: string) => new Date(Number(seconds) * 1000);

/** Native transfers oldest first (a transaction's own value before the calls inside it), at most `limit`. */
const oldestFirst = (transfers: NativeTransfer[], limit: number) =>
  transfers.sort((a, b) => a.block - b.block || Number(!!a.internal) - Number(!!b.internal)).slice(0, limit);

/** What an explorer adds to ChainHistory: the internal transfers the chain index holds only from a node's traces. */
export interface ExplorerHistory extends ChainHistory {
  /**
   * Internal native transfers from or to `account` (value a contract sent on inside a transaction; not those of
   * a call that failed), oldest first, at most `limit`; within `blocks` (inclusive) when given. Null when the
   * explorer did not answer.
   */
  internalTransfers(
    account: Address,
    limit: number,
    blocks?: { from: number; to: number },
  ): Promise<NativeTransfer[] | null>;
}

/**
 * A chain's history from its Etherscan-compatible explorer API (txlist, txlistinternal, tokentx,
 * getcontractcreation), for what the chain index has not covered. Each answer is null when the explorer
 * cannot give it whole: an error, a deadline passed, or a list as long as a page (it may go on); liquidity
 * events are not asked.
 */
export function explorerHistory(
  explorer: { url: string; apiKey: string | null },
  http: HttpClient,
  logger: Logger,
): ExplorerHistory {
  async function rows<T>(params: Record<string, string>, row: z.ZodType<T>): Promise<T[]> {
    const url = new URL(explorer.url);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    if (explorer.apiKey) url.searchParams.set('apikey', explorer.apiKey);
    const answer = envelope.parse(await http.json(url.toString()));
    // "No transactions found", "No records found", "No data found": status 0 for an empty answer.
    if (answer.status !== '1') {
      if (/^No \w+ found/i.test(answer.message)) return [];
      throw new ExplorerError(`${answer.message}: ${String(answer.result).slice(0, 200)}`);
    }
    const parsed = z.array(row).safeParse(answer.result);
    if (!parsed.success) throw new ExplorerError(`unexpected rows (${parsed.error.issues[0]?.message})`);
    return parsed.data;
  }

  /** The answer, or null (logged) when the explorer did not give it. */
  const orNull =
    <A extends unknown[], R>(what: string, answer: (...args: A) => Promise<R | null>) =>
    async (...args: A): Promise<R | null> => {
      try {
        return await answer(...args);
      } catch (err) {
        logger.warn(
          { explorer: new URL(explorer.url).host, what, err: chainErrorNote(err) },
          'explorer history unavailable',
        );
        return null;
      }
    };

  const txlist = (account: Address, limit = PAGE) =>
    rows(
      {
        module: 'account',
        action: 'txlist',
        address: account,
        startblock: '0',
        endblock: '999999999',
        page: '1',
        offset: String(limit),
        sort: 'asc',
      },
      txRow,
    );
  const tokentx = (params: Record<string, string>, limit = PAGE) =>
    rows(
      {
        module: 'account',
        action: 'tokentx',
        ...params,
        startblock: '0',
        endblock: '999999999',
        page: '1',
        offset: String(limit),
        sort: 'asc',
      },
      tokenTxRow,
    );
  const txlistinternal = (account: Address, limit = PAGE, blocks = { from: 0, to: 999_999_999 }) =>
    rows(
      {
        module: 'account',
        action: 'txlistinternal',
        address: account,
        startblock: String(blocks.from),
        endblock: String(blocks.to),
        page: '1',
        offset: String(limit),
        sort: 'asc',
      },
      internalRow,
    );
  const whole = <T>(list: T[]) => (list.length >= PAGE ? null : list);

  /** The internal transfers of `account` (Etherscan asked for four times as many rows: failed and valueless ones are left out). */
  const internalTransfers = async (account: Address, limit: number, blocks?: { from: number; to: number }) =>
    (await txlistinternal(account, Math.min(limit * 4, PAGE), blocks))
      .filter(movesValue)
      .slice(0, limit)
      .map(
        (t): NativeTransfer => ({
          block: Number(t.blockNumber),
          tx_hash: (t.hash || t.transactionHash) as Hex,
          from: getAddress(t.from),
          to: getAddress(t.to),
          value: BigInt(t.value),
          timestamp: time(t.timeStamp),
          internal: true,
        }),
      );

  return {
    creatorOf: orNull('creatorOf', async (contract: Address) => {
      const [found] = await rows(
        { module: 'contract', action: 'getcontractcreation', contractaddresses: contract },
        creationRow,
      );
      return found?.contractCreator ? getAddress(found.contractCreator) : null;
    }),

    transferBalances: orNull('transferBalances', async (token: Address) => {
      const list = whole(await tokentx({ contractaddress: token }));
      if (!list) return null;
      const balances = new Map<string, bigint>();
      for (const t of list) {
        const value = BigInt(t.value);
        balances.set(t.from.toLowerCase(), (balances.get(t.from.toLowerCase()) ?? 0n) - value);
        balances.set(t.to.toLowerCase(), (balances.get(t.to.toLowerCase()) ?? 0n) + value);
      }
      return balances;
    }),

    internalTransfers: orNull('internalTransfers', internalTransfers),

    nativeTransfers: orNull('nativeTransfers', async (account: Address, limit: number) => {
      const [list, internal] = await Promise.all([
        txlist(account, Math.min(limit * 4, PAGE)),
        internalTransfers(account, limit),
      ]);
      const own = list
        .filter((t) => t.to && t.value !== '0' && t.isError !== '1')
        .slice(0, limit)
        .map(
          (t): NativeTransfer => ({
            block: Number(t.blockNumber),
            tx_hash: t.hash as Hex,
            from: getAddress(t.from),
            to: getAddress(t.to),
            value: BigInt(t.value),
            timestamp: time(t.timeStamp),
          }),
        );
      return oldestFirst([...own, ...internal], limit);
    }),

    tokenTransfers: orNull('tokenTransfers', async (account: Address, limit: number) =>
      (await tokentx({ address: account }, Math.min(limit, PAGE))).map(
        (t): TokenTransfer => ({
          block: Number(t.blockNumber),
          tx_hash: t.hash as Hex,
          log_index: Number(t.logIndex ?? 0),
          token: getAddress(t.contractAddress),
          from: getAddress(t.from),
          to: getAddress(t.to),
          value: BigInt(t.value),
          timestamp: time(t.timeStamp),
        }),
      ),
    ),

    contractsCreatedBy: orNull('contractsCreatedBy', async (account: Address) => {
      const list = whole(await txlist(account));
      if (!list) return null;
      return list
        .filter(
          (t) => !t.to && t.contractAddress && t.from.toLowerCase() === account.toLowerCase() && t.isError !== '1',
        )
        .map((t) => getAddress(t.contractAddress!));
    }),

    liquidityEvents: async () => null,

    sourceVerification: orNull('sourceVerification', async (contract: Address): Promise<SourceVerification | null> => {
      const [found] = await rows({ module: 'contract', action: 'getsourcecode', address: contract }, sourceRow);
      // No row is no answer: unknown, not unverified.
      if (!found) return null;
      const verified = found.SourceCode.trim() !== '';
      return {
        verified,
        contract_name: verified ? found.ContractName || null : null,
        explorer: new URL(explorer.url).host,
      };
    }),

    activity: orNull('activity', async (account: Address) => {
      const [txs, internal, tokens] = await Promise.all([
        txlist(account),
        txlistinternal(account),
        tokentx({ address: account }),
      ]);
      if (!whole(txs) || !whole(internal) || !whole(tokens)) return null;
      // As the index counts them: transactions (failed ones too), the internal transfers, the token transfers.
      const seen = [
        ...txs,
        ...internal.filter(movesValue).map((t) => ({ ...t, hash: (t.hash || t.transactionHash)! })),
        ...tokens,
      ].sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber));
      const first = seen[0];
      const last = seen.at(-1);
      return {
        first_block: first ? Number(first.blockNumber) : null,
        last_block: last ? Number(last.blockNumber) : null,
        first_seen: first ? time(first.timeStamp) : null,
        last_seen: last ? time(last.timeStamp) : null,
        tx_count: new Set(seen.map((t) => t.hash.toLowerCase())).size,
      };
    }),
  };
}

/**
 * The index's native transfers and activity with the explorer's internal transfers added, for a chain whose
 * node has no trace API (the index then holds none). `coverage` names the blocks the index covers (null when
 * the index has internal transfers of its own): the explorer is asked for those only, so both tell of the same
 * blocks. Nothing the explorer answers is stored (an explorer trails the node: a block it has not read yet
 * would be stored without them for good); a question after it has caught up sees them. Null when the
 * explorer does not answer: a list without the payouts would read as none. `indexedTransactions` tells which
 * of the payouts' transactions the index already counts for the account (its own call to a router).
 */
export function withExplorerInternals(
  indexed: ChainHistory,
  explorer: ExplorerHistory,
  coverage: () => Promise<{ from: number; to: number } | null>,
  indexedTransactions: (account: Address, hashes: string[]) => Promise<Set<string>>,
): ChainHistory {
  return {
    ...indexed,
    async nativeTransfers(account, limit) {
      const [own, blocks] = await Promise.all([indexed.nativeTransfers(account, limit), coverage()]);
      if (!own || !blocks) return own;
      const internal = await explorer.internalTransfers(account, limit, blocks);
      return internal && oldestFirst([...own, ...internal], limit);
    },
    async activity(account) {
      const [own, blocks] = await Promise.all([indexed.activity(account), coverage()]);
      if (!own || !blocks) return own;
      const internal = await explorer.internalTransfers(account, ACTIVITY_ROWS, blocks);
      if (!internal?.length) return internal && own;
      const hashes = [...new Set(internal.map((t) => t.tx_hash.toLowerCase()))];
      const counted = await indexedTransactions(account, hashes);
      const moments = [
        ...(own.first_block === null ? [] : [{ block: own.first_block, time: own.first_seen }]),
        ...(own.last_block === null ? [] : [{ block: own.last_block, time: own.last_seen }]),
        ...internal.map((t) => ({ block: t.block, time: t.timestamp })),
      ].sort((a, b) => a.block - b.block);
      const first = moments[0]!;
      const last = moments.at(-1)!;
      return {
        first_block: first.block,
        last_block: last.block,
        first_seen: first.time,
        last_seen: last.time,
        tx_count: own.tx_count + hashes.filter((h) => !counted.has(h)).length,
      };
    },
  };
}

/** The index's answer, else the explorer's: the explorer fills in what the index has not covered. */
export function withFallback(primary: ChainHistory, fallback: ChainHistory): ChainHistory {
  const either =
    <A extends unknown[], R>(first: (...args: A) => Promise<R | null>, second: (...args: A) => Promise<R | null>) =>
    async (...args: A): Promise<R | null> =>
      (await first(...args)) ?? second(...args);
  return {
    creatorOf: either(primary.creatorOf, fallback.creatorOf),
    transferBalances: either(primary.transferBalances, fallback.transferBalances),
    nativeTransfers: either(primary.nativeTransfers, fallback.nativeTransfers),
    tokenTransfers: either(primary.tokenTransfers, fallback.tokenTransfers),
    contractsCreatedBy: either(primary.contractsCreatedBy, fallback.contractsCreatedBy),
    liquidityEvents: either(primary.liquidityEvents, fallback.liquidityEvents),
    activity: either(primary.activity, fallback.activity),
    sourceVerification: either(primary.sourceVerification, fallback.sourceVerification),
  };
}
