import { formatEther, formatUnits, getAddress } from 'viem';
import type { AnalyzeOutput } from './schemas.ts';
import type { FlagRow } from './table.ts';
import type { Counterparty, WalletFacts } from './walletFacts.ts';

/** Counterparties listed, by transfers both ways. */
const TOP_COUNTERPARTIES = 10;

const flagView = (flag: FlagRow | null) =>
  flag && { category: flag.category, reason: flag.reason, source: flag.source };

const moment = (block: number | null, time: Date | null) =>
  block === null ? null : { block, time: time?.toISOString() ?? null };

const volume = (c: Counterparty) => c.nativeSent + c.nativeReceived;
const compare = (a: bigint, b: bigint) => (a > b ? 1 : a < b ? -1 : 0);

const traffic = (c: Counterparty) => ({
  sent: c.sent,
  received: c.received,
  native_sent: formatEther(c.nativeSent),
  native_received: formatEther(c.nativeReceived),
});

/** wallet.analyze's answer from what was read. */
export function analysisOf(facts: WalletFacts): AnalyzeOutput {
  const { activity, counterparties, funding } = facts;
  const busiest = counterparties
    ? [...counterparties]
        .sort((a, b) => b.sent + b.received - (a.sent + a.received) || compare(volume(b), volume(a)))
        .slice(0, TOP_COUNTERPARTIES)
    : null;
  return {
    chain: facts.chain.spec.name,
    address: facts.address,
    is_contract: facts.isContract,
    created_by: facts.creator && getAddress(facts.creator),
    block: Number(facts.block),
    native_balance: formatEther(facts.nativeBalance),
    token_balances:
      facts.tokenBalances?.map((t) => ({
        token: getAddress(t.token),
        symbol: t.symbol,
        balance: formatUnits(t.balance, t.decimals),
      })) ?? null,
    first_activity: activity && moment(activity.first_block, activity.first_seen),
    last_activity: activity && moment(activity.last_block, activity.last_seen),
    tx_count: activity?.tx_count ?? null,
    top_counterparties:
      busiest?.map((c) => ({ address: getAddress(c.address), ...traffic(c), flag: flagView(c.flag) })) ?? null,
    funding_source: funding && {
      from: getAddress(funding.from),
      tx_hash: funding.tx_hash,
      block: funding.block,
      time: funding.timestamp.toISOString(),
      value: formatEther(funding.value),
      flag: flagView(facts.flags.get(funding.from.toLowerCase()) ?? null),
    },
    contracts_deployed:
      facts.contracts?.map((c) => ({
        address: getAddress(c.address),
        symbol: c.rating?.token.symbol ?? null,
        level: c.rating?.level ?? null,
        score: c.rating?.score ?? null,
        note: c.note,
      })) ?? null,
    liquidity:
      facts.pools?.map((p) => ({
        pair: getAddress(p.pair),
        token: getAddress(p.token),
        added_native: formatEther(p.addedNative),
        removed_native: formatEther(p.removedNative),
        removed_pct: p.removedPct,
        largest_removal_tx: p.largestRemovalTx,
      })) ?? null,
    flagged: flagView(facts.flag),
    flagged_interactions:
      counterparties
        ?.filter((c) => c.flag)
        .map((c) => ({
          address: getAddress(c.address),
          ...flagView(c.flag)!,
          ...traffic(c),
          first_tx_hash: c.firstTx,
        })) ?? null,
    notes: facts.notes,
  };
}
