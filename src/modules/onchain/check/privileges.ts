import { concatHex, pad, toFunctionSelector, toHex, type Address, type Hex } from 'viem';
import { formatAmount } from '../../../core/displayAmount.ts';
import type { Finding } from './findings.ts';
import { HOLDER, lossPct, type Market, type Observation, type Prober, type Trade } from './probe.ts';

/** Someone who may hold privileges over a token, and why we think so. */
export interface Actor {
  address: Address;
  /** 'owner', 'creator', 'stored address (slot 5)'… */
  roles: string[];
}

/** A privilege observed: what the actor called and what changed. */
export interface Privilege {
  finding: Finding;
  actor: Actor;
}

const BIG = 10n ** 30n;
/**
 * Argument shapes a privileged function commonly takes, as 32-byte words (extra words are ignored by the ABI
 * decoder, missing ones make it revert): (), (address), (address,bool), (address,uint256) both ways,
 * (bool)/(uint256) both ways, a large amount, a fee in percent or basis points, and two fees.
 */
const SHAPES: ReadonlyArray<{ words: readonly bigint[]; label: string }> = [
  { words: [], label: '()' },
  { words: [BigInt(HOLDER)], label: '(holder)' },
  { words: [BigInt(HOLDER), 1n], label: '(holder, true/1)' },
  { words: [BigInt(HOLDER), 0n], label: '(holder, false/0)' },
  { words: [BigInt(HOLDER), BIG], label: '(holder, 10^30)' },
  { words: [1n], label: '(true/1)' },
  { words: [0n], label: '(false/0)' },
  { words: [BIG], label: '(10^30)' },
  { words: [99n], label: '(99)' },
  { words: [9_900n], label: '(9900)' },
  { words: [99n, 99n], label: '(99, 99)' },
];

/** What a holder calls without privilege, or what is reported apart (upgrades, ownership): not simulated as privileges. */
const NOT_PRIVILEGES = new Set<Hex>(
  [
    'transfer(address,uint256)',
    'transferFrom(address,address,uint256)',
    'approve(address,uint256)',
    'increaseAllowance(address,uint256)',
    'decreaseAllowance(address,uint256)',
    'permit(address,address,uint256,uint256,uint8,bytes32,bytes32)',
    'renounceOwnership()',
    'transferOwnership(address)',
    'upgradeTo(address)',
    'upgradeToAndCall(address,bytes)',
    'changeAdmin(address)',
    'deposit()',
    'withdraw(uint256)',
  ].map((s) => toFunctionSelector(s)),
);

/** Names for selectors people will recognise in evidence; anything else is shown by its selector. */
const KNOWN_NAMES = new Map<Hex, string>(
  [
    'mint(address,uint256)',
    'mint(uint256)',
    'burn(address,uint256)',
    'setBlacklist(address,bool)',
    'blacklist(address)',
    'addToBlacklist(address)',
    'pause()',
    'unpause()',
    'setFees(uint256)',
    'setFee(uint256)',
    'setTaxes(uint256,uint256)',
    'setSellFee(uint256)',
    'setBuyFee(uint256)',
    'setMaxTxAmount(uint256)',
    'setTradingEnabled(bool)',
    'enableTrading()',
    'setWhitelist(address,bool)',
    'setWhitelisted(address,bool)',
    'setWhitelistMode(bool)',
    'syncRewards(address,uint256)',
    'distributeRewards(address)',
    'setBalance(address,uint256)',
  ].map((signature) => [toFunctionSelector(signature), signature]),
);

interface Candidate {
  selector: Hex;
  shape: (typeof SHAPES)[number];
  data: Hex;
}

const describe = (c: Candidate) => `${KNOWN_NAMES.get(c.selector) ?? `function ${c.selector}`} with ${c.shape.label}`;
const targetsHolder = (c: Candidate) => c.shape.words[0] === BigInt(HOLDER);

function candidatesFor(selectors: readonly Hex[]): Candidate[] {
  return selectors
    .filter((s) => !NOT_PRIVILEGES.has(s))
    .flatMap((selector) =>
      SHAPES.map((shape) => ({
        selector,
        shape,
        data: concatHex([selector, ...shape.words.map((w) => pad(toHex(w)))]),
      })),
    );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const tradedFully = (t: Trade) => t.bought && t.sold;
const buyTax = (t: Trade) => (t.bought ? lossPct(t.buyExpected, t.buyReceived) : null);
const sellTax = (t: Trade) => (t.sold ? lossPct(t.sellExpected, t.sellReceived) : null);

/** How one call (or pair of calls) changed things, against the same scenario without it. */
interface Effect {
  minted: boolean;
  balanceChanged: boolean;
  holderBlocked: boolean;
  everyoneBlocked: boolean;
  taxChange: { buy: [number | null, number | null]; sell: [number | null, number | null] } | null;
}

function effectOf(o: Observation, baseline: Observation): Effect {
  const minted = o.supplyAfter > o.supplyBefore;
  const holderDelta = o.holderAfter - o.holderBefore;
  const supplyDelta = o.supplyAfter - o.supplyBefore;
  // Minting to the holder moves its balance by what the supply grew: that is minting, not seizing.
  const balanceChanged = holderDelta !== 0n && (holderDelta < 0n || holderDelta !== supplyDelta);
  const holderCouldTrade = baseline.holder.sold || baseline.holder.transferred;
  const holderBlocked =
    holderCouldTrade &&
    o.holderAfter > 0n &&
    !(o.holder.sold || o.holder.transferred) &&
    o.holderAfter >= o.holderBefore;
  const everyoneBlocked = tradedFully(baseline.newcomer) && !tradedFully(o.newcomer);
  let taxChange: Effect['taxChange'] = null;
  if (tradedFully(baseline.newcomer) && tradedFully(o.newcomer)) {
    const buy: [number | null, number | null] = [buyTax(baseline.newcomer), buyTax(o.newcomer)];
    const sell: [number | null, number | null] = [sellTax(baseline.newcomer), sellTax(o.newcomer)];
    const moved = ([a, b]: [number | null, number | null]) => a !== null && b !== null && Math.abs(a - b) >= 1;
    if (moved(buy) || moved(sell)) taxChange = { buy, sell };
  }
  return { minted, balanceChanged, holderBlocked, everyoneBlocked, taxChange };
}

/**
 * Privileges by behaviour: every dispatcher selector that is not a holder's own (transfer, approve…) is called
 * as each actor with each common argument shape. Calls that succeed and write state are replayed in a scenario
 * (a holder buys, the actor calls, the holder transfers and sells, a newcomer trades) and compared with the
 * scenario without the call: supply grew (mintable), the holder's balance moved without its say
 * (owner_can_change_balance), the holder alone is stuck (blacklist), everyone is stuck (pausable, or
 * whitelist_only when an address call then lets the holder through again), a newcomer's taxes moved
 * (tax_modifiable).
 */
export async function findPrivileges(
  prober: Prober,
  actors: readonly Actor[],
  selectors: readonly Hex[],
  market: Market,
  amountIn: bigint,
  decimals: number,
): Promise<{ privileges: Privilege[]; complete: boolean }> {
  const candidates = candidatesFor(selectors);
  let complete = true;
  // A batch the node refused (out of gas, a call limit) leaves its calls untested: the answer must say so.
  const orNothing = <T>(work: Promise<T[]>, size: number, nothing: T): Promise<T[]> =>
    work.catch(() => {
      complete = false;
      return Array.from({ length: size }, () => nothing);
    });
  const found = await Promise.all(
    actors.map(async (actor) => {
      // 24 calls of at most 2 × 400k gas each stay within one eth_call's 25M, whatever the calls do.
      const outcomes = (
        await Promise.all(
          chunks(candidates, 24).map((c) =>
            orNothing(
              prober.probeCalls(
                actor.address,
                market.token,
                c.map((x) => x.data),
              ),
              c.length,
              0,
            ),
          ),
        )
      ).flat();
      const writers = candidates.filter((_, i) => outcomes[i] === 2);
      if (writers.length === 0) return [];
      return observe(
        actor,
        writers,
        (lists) =>
          Promise.all(
            chunks(lists, 24).map((c) =>
              orNothing(prober.scenarios(actor.address, market, amountIn, c), c.length, null),
            ),
          ).then((parts) => parts.flat()),
        decimals,
      );
    }),
  );
  return { privileges: found.flat(), complete };
}

/** Runs lists of calls, each in its own undone scenario (null where one could not be run). */
type RunScenarios = (lists: ReadonlyArray<readonly Hex[]>) => Promise<Array<Observation | null>>;

async function observe(
  actor: Actor,
  writers: readonly Candidate[],
  run: RunScenarios,
  decimals: number,
): Promise<Privilege[]> {
  const observed = await run([[], ...writers.map((w) => [w.data])]);
  const baseline = observed[0];
  if (!baseline) return [];
  const who = `${actor.address} (${actor.roles.join(', ')})`;
  const privileges: Privilege[] = [];
  const add = (finding: Finding) => privileges.push({ finding, actor });
  const switches: Candidate[] = [];
  const allowers: Candidate[] = [];

  writers.forEach((writer, i) => {
    const o = observed[i + 1];
    if (!o?.callOk.every(Boolean)) return;
    const effect = effectOf(o, baseline);
    const call = describe(writer);
    if (effect.minted)
      add({
        id: 'mintable',
        severity: 'high',
        title: 'Supply can be increased',
        evidence: `${who} calling ${call} raised the total supply from ${formatAmount(o.supplyBefore, decimals)} to ${formatAmount(o.supplyAfter, decimals)}`,
      });
    if (effect.balanceChanged)
      add({
        id: 'owner_can_change_balance',
        severity: 'critical',
        title: "A privileged address can change holders' balances",
        evidence: `${who} calling ${call} changed a holder's balance from ${formatAmount(o.holderBefore, decimals)} to ${formatAmount(o.holderAfter, decimals)} without any transfer by it`,
      });
    if (effect.holderBlocked && !effect.everyoneBlocked && targetsHolder(writer))
      add({
        id: 'blacklist',
        severity: 'high',
        title: 'Addresses can be blocked from trading',
        evidence: `after ${who} called ${call}, that holder's transfer and sale reverted while a newcomer could still buy and sell`,
      });
    if (effect.everyoneBlocked) switches.push(writer);
    if (targetsHolder(writer)) allowers.push(writer);
    if (effect.taxChange) {
      const { buy, sell } = effect.taxChange;
      const worst = Math.max(buy[1] ?? 0, sell[1] ?? 0);
      add({
        id: 'tax_modifiable',
        severity: worst >= 50 ? 'high' : 'medium',
        title: 'Taxes can be changed',
        evidence: `${who} calling ${call} moved a newcomer's buy tax from ${buy[0]}% to ${buy[1]}% and sell tax from ${sell[0]}% to ${sell[1]}%`,
      });
    }
  });

  // Trading closed to everyone: a pause, unless an address call reopens it for the holder (an allow-list).
  const pairs = switches.flatMap((s) => allowers.filter((a) => a !== s).map((a) => [s, a] as const));
  const reopened = new Set<Candidate>();
  if (pairs.length) {
    const pairObserved = await run(pairs.map(([s, a]) => [s.data, a.data]));
    pairs.forEach(([s, a], i) => {
      const o = pairObserved[i];
      if (!o?.callOk.every(Boolean) || reopened.has(s)) return;
      if ((o.holder.sold || o.holder.transferred) && !tradedFully(o.newcomer)) {
        reopened.add(s);
        add({
          id: 'whitelist_only',
          severity: 'high',
          title: 'Only allowed addresses can trade',
          evidence: `after ${who} called ${describe(s)}, a newcomer could not trade; calling ${describe(a)} let that holder trade again`,
        });
      }
    });
  }
  for (const s of switches)
    if (!reopened.has(s))
      add({
        id: 'pausable',
        severity: 'high',
        title: 'Trading can be stopped',
        evidence: `after ${who} called ${describe(s)}, a newcomer could no longer buy and sell`,
      });
  return privileges;
}
