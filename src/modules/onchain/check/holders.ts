import { getAddress, zeroAddress, type Address } from 'viem';
import type { Finding } from './findings.ts';
import { DEAD } from './pool.ts';

const BURN = new Set([zeroAddress, DEAD].map((a) => a.toLowerCase()));

export interface Holders {
  /** Where the balances come from: the token's Transfer logs, or only the balances of the owner and creator. */
  source: 'transfer_logs' | 'balances';
  /** Addresses holding any, pools and burn addresses left out (null: not known without the history). */
  holder_count: number | null;
  top: Array<{ address: Address; share_pct: number; label: string | null }>;
  owner_share_pct: number | null;
  creator_share_pct: number | null;
  /** How far the chain index trails the head: why the holders come from balances only. */
  index_behind_blocks: number;
}

const share = (amount: bigint, supply: bigint) => (supply > 0n ? Number((amount * 10_000n) / supply) / 100 : 0);

/**
 * Who holds the supply, pools and burn addresses left out; concentration findings from the largest holder
 * (holder_concentration: 20 % medium, 50 % high) and from the owner's or creator's share (creator_concentration:
 * 5 % low, 20 % medium, 50 % high).
 */
export function describeHolders(input: {
  balances: ReadonlyMap<string, bigint> | null;
  supply: bigint;
  excluded: ReadonlySet<string>;
  token: Address;
  owner: { address: Address; balance: bigint } | null;
  creator: { address: Address; balance: bigint } | null;
  indexBehindBlocks: number;
}): { holders: Holders; findings: Finding[] } {
  const { balances, supply, excluded, owner, creator } = input;
  const label = (a: string) =>
    a === owner?.address.toLowerCase()
      ? 'owner'
      : a === creator?.address.toLowerCase()
        ? 'creator'
        : a === input.token.toLowerCase()
          ? 'token contract'
          : null;
  const held = balances
    ? [...balances]
        .filter(([a, b]) => b > 0n && !BURN.has(a) && !excluded.has(a))
        .sort((x, y) => (y[1] > x[1] ? 1 : -1))
    : [];
  const holders: Holders = {
    source: balances ? 'transfer_logs' : 'balances',
    holder_count: balances ? held.length : null,
    top: held.slice(0, 10).map(([a, b]) => ({ address: getAddress(a), share_pct: share(b, supply), label: label(a) })),
    owner_share_pct: owner ? share(owner.balance, supply) : null,
    creator_share_pct: creator ? share(creator.balance, supply) : null,
    index_behind_blocks: input.indexBehindBlocks,
  };

  const findings: Finding[] = [];
  const largest = held.find(([a]) => a !== input.token.toLowerCase());
  if (largest) {
    const pct = share(largest[1], supply);
    if (pct >= 20)
      findings.push({
        id: 'holder_concentration',
        severity: pct >= 50 ? 'high' : 'medium',
        title: 'Supply concentrated in one wallet',
        evidence: `${getAddress(largest[0])}${label(largest[0]) ? ` (${label(largest[0])})` : ''} holds ${pct}% of the supply (pools and burn addresses left out)`,
      });
  }
  const insiders = [
    ...(owner ? [{ who: 'owner', ...owner }] : []),
    ...(creator && creator.address !== owner?.address ? [{ who: 'creator', ...creator }] : []),
  ];
  for (const insider of insiders) {
    const pct = share(insider.balance, supply);
    if (pct >= 5)
      findings.push({
        id: 'creator_concentration',
        severity: pct >= 50 ? 'high' : pct >= 20 ? 'medium' : 'low',
        title: 'The creator or owner holds much of the supply',
        evidence: `the ${insider.who} ${insider.address} holds ${pct}% of the supply`,
      });
  }
  return { holders, findings };
}
