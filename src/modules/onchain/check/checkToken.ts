import { formatUnits, getAddress, hexToBigInt, parseAbi, zeroAddress, type Address, type Hex } from 'viem';
import { formatAmount } from '../../../core/displayAmount.ts';
import { InvalidArgumentError } from '../../../core/domainErrors.ts';
import type { TokenRegistry } from '../../tokens/index.ts';
import type { OnchainChain } from '../chains/chainRegistry.ts';
import type { SourceVerification } from '../history/chainHistory.ts';
import { readCode } from './bytecode.ts';
import { assess, ordered, type Finding, type Level } from './findings.ts';
import { describeHolders, type Holders } from './holders.ts';
import { impersonation } from './impersonation.ts';
import { DEAD, deepestPool, describeLiquidity, findPairs, type Liquidity } from './pool.ts';
import { findPrivileges, type Actor } from './privileges.ts';
import { createProber, HOLDER, lossPct, NEWCOMER, RECIPIENT, type Market, type Trade } from './probe.ts';
import { inCheckSlot } from './checkSlots.ts';

const tokenAbi = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
  'function owner() view returns (address)',
  'function getOwner() view returns (address)',
]);
const beaconAbi = parseAbi(['function implementation() view returns (address)']);

/** EIP-1967 slots: keccak256('eip1967.proxy.implementation' / '.beacon' / '.admin') - 1. */
const IMPLEMENTATION_SLOT: Hex = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';
const BEACON_SLOT: Hex = '0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50';
const ADMIN_SLOT: Hex = '0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103';
/** The first storage slots, where contracts keep owners, operators and fee wallets. */
const STORED_SLOTS = 16;

export interface TokenCheck {
  chain: string;
  address: Address;
  token: { name: string | null; symbol: string | null; decimals: number; total_supply: string };
  level: Level;
  score: number;
  findings: Finding[];
  simulation: {
    can_buy: boolean | null;
    can_sell: boolean | null;
    buy_tax_pct: number | null;
    sell_tax_pct: number | null;
    transfer_tax_pct: number | null;
    buy_gas: number | null;
    sell_gas: number | null;
    pool: Address | null;
  };
  holders: Holders | null;
  liquidity: Liquidity | null;
  /** Whether the explorer holds the verified source (a proxy's and its implementation's); null: no explorer, or no answer. */
  source_code: { verified: boolean | null; contract_name: string | null; explorer: string | null };
  block: number;
  checked_at: string;
}

export interface CheckDeps {
  registry: TokenRegistry;
  /** TokenProbe's runtime code (compiled with the project's contracts). */
  probeCode(): Promise<Hex>;
  /** The USD price of a chain's native coin by symbol (ETH, BNB), or null. */
  nativePriceUsd(symbol: string): Promise<number | null>;
  now(): Date;
}

const asAddress = (word: Hex | undefined): Address | null => {
  if (!word) return null;
  const value = hexToBigInt(word);
  return value === 0n || value >> 160n !== 0n ? null : getAddress(`0x${value.toString(16).padStart(40, '0')}`);
};
const ok = <T>(r: { status: string; result?: unknown } | undefined): T | null =>
  r?.status === 'success' ? (r.result as T) : null;

/** The steps a check reports to a caller listening for progress (an MCP client with a progressToken). */
const CHECK_STEPS = 4;

type Progress = (done: number, total: number, message: string) => void;

/** Everything naughty_coin.check_token reports on one token, read at the chain's latest block (a few checks per chain at once). */
export function checkToken(
  chain: OnchainChain,
  address: Address,
  deps: CheckDeps,
  progress?: Progress,
): Promise<TokenCheck> {
  return inCheckSlot(chain, () => readTokenCheck(chain, address, deps, progress));
}

async function readTokenCheck(
  chain: OnchainChain,
  address: Address,
  deps: CheckDeps,
  progress?: Progress,
): Promise<TokenCheck> {
  const { client } = chain;
  progress?.(0, CHECK_STEPS, "reading the contract's code and proxy slots");
  const blockNumber = await client.getBlockNumber();
  const at = { blockNumber };
  const read = (functionName: string, args: readonly unknown[] = []) => ({
    address,
    abi: tokenAbi,
    functionName,
    args,
  });
  // What needs only the address travels in one round trip: the code, the slots, the token's getters, its pairs
  // and the wrapped native coin's symbol (the unit of the pool's liquidity).
  const [code, slots, [name, symbol, decimals, supply, ownerResult, getOwnerResult], pairs, nativeSymbol] =
    await Promise.all([
      client.getCode({ address, ...at }),
      Promise.all(
        [
          IMPLEMENTATION_SLOT,
          BEACON_SLOT,
          ADMIN_SLOT,
          ...Array.from({ length: STORED_SLOTS }, (_, i): Hex => `0x${i.toString(16)}`),
        ].map((slot) => client.getStorageAt({ address, slot, ...at })),
      ),
      chain.readMany(
        [read('name'), read('symbol'), read('decimals'), read('totalSupply'), read('owner'), read('getOwner')],
        blockNumber,
      ),
      findPairs(chain, address, blockNumber),
      chain.readMany([{ address: chain.spec.wrapped_native, abi: tokenAbi, functionName: 'symbol' }], blockNumber),
    ]);
  if (!code || code === '0x')
    throw new InvalidArgumentError(`no contract at ${address} on ${chain.spec.name}`, { field: 'address' });
  const [implementationWord, beaconWord, adminWord, ...slotWords] = slots;
  const tokenDecimals = ok<number>(decimals);
  const totalSupply = ok<bigint>(supply);
  if (tokenDecimals === null || totalSupply === null)
    throw new InvalidArgumentError(
      `${address} on ${chain.spec.name} is a contract but not an ERC-20 token (no decimals() or totalSupply())`,
      { field: 'address' },
    );
  const token = { address, name: ok<string>(name), symbol: ok<string>(symbol) };
  const ownerGetter = ownerResult?.status === 'success' || getOwnerResult?.status === 'success';
  const owner = [ok<Address>(ownerResult), ok<Address>(getOwnerResult)].find(
    (a): a is Address => !!a && a !== zeroAddress && a.toLowerCase() !== DEAD.toLowerCase(),
  );
  const beacon = asAddress(beaconWord);
  // The proxy's implementation, the code that runs, and what the explorer says of both.
  const logic = async () => {
    const implementation = beacon
      ? await client
          .readContract({ address: beacon, abi: beaconAbi, functionName: 'implementation', ...at })
          .catch(() => null)
      : asAddress(implementationWord);
    const [logicCode, sources] = await Promise.all([
      implementation ? client.getCode({ address: implementation, ...at }).then((c) => c ?? '0x') : code,
      Promise.all(
        [address, ...(implementation ? [implementation] : [])].map((a) => chain.history.sourceVerification(a)),
      ),
    ]);
    return { implementation, logicCode, sources };
  };

  progress?.(1, CHECK_STEPS, 'finding its creator and its pool');
  // The history questions are asked together, so they share one look at the chain index (its head, its tip).
  const [pool, { implementation, logicCode, sources }, creator, balances, pairHolders, index] = await Promise.all([
    deepestPool(chain, address, pairs, blockNumber),
    logic(),
    chain.history.creatorOf(address),
    chain.history.transferBalances(address),
    Promise.all(pairs.map((p) => chain.history.transferBalances(p.pair))),
    chain.index.fresh(),
  ]);
  const market: Market = {
    token: address,
    pair: pool?.pair ?? zeroAddress,
    wrapped: chain.spec.wrapped_native,
  };
  // Half a percent of the pool's native side: a retail-sized trade, small enough for a max-transaction limit.
  const amountIn = pool ? pool.wrappedReserve / 200n || 1n : 10n ** 15n;
  const prober = createProber(client, await deps.probeCode(), blockNumber);

  const known = new Set(
    [
      address,
      implementation,
      beacon,
      pool?.pair,
      chain.spec.wrapped_native,
      ...chain.spec.dexes.flatMap((d) => [d.factory, d.router]),
    ]
      .filter((a): a is Address => !!a)
      .map((a) => a.toLowerCase()),
  );
  const actors = collectActors({ owner, creator, slotWords, known });
  const facts = readCode(logicCode);
  const balanceOf = async (who: Address | null | undefined) =>
    who
      ? {
          address: who,
          balance: ok<bigint>((await chain.readMany([read('balanceOf', [who])], blockNumber))[0]) ?? 0n,
        }
      : null;
  const nativeSymbolName = ok<string>(nativeSymbol[0])?.replace(/^W/, '') ?? null;

  progress?.(2, CHECK_STEPS, 'simulating a buy, a transfer and a sale; calling its functions as its owner and creator');
  const [trade, scan, [ownerBalance, creatorBalance], priceUsd] = await Promise.all([
    pool ? prober.trade(market, amountIn) : Promise.resolve(null),
    findPrivileges(prober, actors, facts.selectors, market, amountIn, tokenDecimals),
    // Both balances in one round trip, beside the simulation's.
    Promise.all([balanceOf(owner), balanceOf(creator)]),
    pool && nativeSymbolName ? deps.nativePriceUsd(nativeSymbolName) : null,
  ]);

  const { privileges } = scan;
  progress?.(3, CHECK_STEPS, 'weighing holders, liquidity and findings');
  const findings: Finding[] = [];
  findings.push(...tradeFindings(trade, tokenDecimals));
  findings.push(...privileges.map((p) => p.finding));

  const ownerAddress = owner?.toLowerCase();
  const hidden = privileges.find((p) => p.actor.address.toLowerCase() !== ownerAddress);
  if (hidden)
    findings.push({
      id: 'hidden_owner',
      severity: 'high',
      title: 'Privileges held by an address owner() does not name',
      evidence: `${hidden.actor.address} (${hidden.actor.roles.join(', ')}) holds a privilege (${hidden.finding.id}) while ${
        ownerGetter
          ? owner
            ? `owner() is ${owner}`
            : 'owner() says ownership is renounced'
          : 'the contract has no owner() getter'
      }`,
    });
  if (owner)
    findings.push({
      id: 'ownership_not_renounced',
      severity: 'low',
      title: 'Ownership not renounced',
      evidence: `owner() is ${owner}`,
    });

  const admin = asAddress(adminWord);
  if (implementation)
    findings.push({
      id: 'upgradeable_proxy',
      severity: 'medium',
      title: 'Upgradeable proxy',
      evidence: `EIP-1967 ${beacon ? `beacon ${beacon} pointing at` : 'proxy of'} ${implementation}; ${
        admin
          ? `the admin ${admin} can replace the code`
          : owner
            ? `the owner ${owner} can likely replace the code (UUPS)`
            : 'whoever the implementation allows can replace the code'
      }`,
    });
  if (facts.selfdestruct)
    findings.push({
      id: 'selfdestruct',
      severity: 'high',
      title: 'Contains SELFDESTRUCT',
      evidence: `the token's code${implementation ? ` (implementation ${implementation})` : ''} has a SELFDESTRUCT opcode`,
    });
  if (facts.delegatecall)
    findings.push({
      id: 'external_call',
      severity: 'medium',
      title: 'Runs code from other contracts',
      evidence: `the token's code${implementation ? ` (implementation ${implementation})` : ''} has a DELEGATECALL opcode: another contract's code can run with the token's storage`,
    });

  const pools = new Set(pool ? [pool.pair.toLowerCase()] : []);
  const holderView = describeHolders({
    balances,
    supply: totalSupply,
    excluded: pools,
    token: address,
    owner: ownerBalance,
    creator: creatorBalance,
    indexBehindBlocks: index.behind,
  });
  findings.push(...holderView.findings);

  let liquidity: Liquidity | null = null;
  if (pool) {
    const lpHolders = pairHolders[pairs.findIndex((p) => p.pair === pool.pair)] ?? null;
    const described = describeLiquidity(pool, tokenDecimals, { symbol: nativeSymbolName, priceUsd }, lpHolders);
    liquidity = described.liquidity;
    findings.push(...described.findings);
  } else
    findings.push({
      id: 'no_liquidity_pool',
      severity: 'medium',
      title: 'No liquidity pool',
      evidence: `no pool against ${chain.spec.wrapped_native} with reserves on ${chain.spec.dexes.map((d) => d.name).join(', ') || 'any configured DEX'}`,
    });

  const source = sourceCode(sources, address, implementation);
  if (source.finding) findings.push(source.finding);

  const imitation = impersonation(deps.registry, token, chain.spec.wrapped_native);
  if (imitation) findings.push(imitation);

  const all = ordered(findings);
  // Untested calls are missing data too: without a danger finding, such a token is unknown rather than safe.
  const { level, score } = assess(all, !!trade?.bought && scan.complete);
  return {
    chain: chain.spec.name,
    address,
    token: {
      name: token.name,
      symbol: token.symbol,
      decimals: tokenDecimals,
      total_supply: formatUnits(totalSupply, tokenDecimals),
    },
    level,
    score,
    findings: all,
    simulation: simulationOf(trade, pool?.pair ?? null),
    holders: holderView.holders,
    liquidity,
    source_code: source.summary,
    block: Number(blockNumber),
    checked_at: deps.now().toISOString(),
  };
}

/** The owner, the creator and addresses kept in the first storage slots: who may hold privileges. */
function collectActors(input: {
  owner: Address | undefined;
  creator: Address | null;
  slotWords: ReadonlyArray<Hex | undefined>;
  known: ReadonlySet<string>;
}): Actor[] {
  const actors = new Map<string, Actor>();
  const add = (address: Address, role: string) => {
    const key = address.toLowerCase();
    if (input.known.has(key) || [HOLDER, NEWCOMER, RECIPIENT].some((a) => a.toLowerCase() === key)) return;
    const actor = actors.get(key);
    if (actor) actor.roles.push(role);
    else actors.set(key, { address, roles: [role] });
  };
  if (input.owner) add(input.owner, 'owner');
  if (input.creator) add(input.creator, 'creator');
  input.slotWords.forEach((word, slot) => {
    if (!word) return;
    // An address packed with flags after it (Ownable with a bool) still reads as one: keep the low 160 bits.
    const value = hexToBigInt(word);
    if (value >> 168n !== 0n) return;
    const low = value & ((1n << 160n) - 1n);
    // Below 2^128 it is a count or an amount, not an address.
    if (low < 1n << 128n) return;
    if (actors.size < 5) add(getAddress(`0x${low.toString(16).padStart(40, '0')}`), `address stored in slot ${slot}`);
  });
  return [...actors.values()];
}

/**
 * The explorer's word on the token's source (and a proxy's implementation's): unverified when it says so of
 * either; unknown (null, no finding) when there is no explorer or it did not answer for both.
 */
function sourceCode(
  answers: ReadonlyArray<SourceVerification | null>,
  address: Address,
  implementation: Address | null,
): { summary: TokenCheck['source_code']; finding: Finding | null } {
  const names = [address, implementation].filter((a): a is Address => !!a);
  const unverified = answers.findIndex((a) => a?.verified === false);
  if (unverified >= 0) {
    const asked = answers[unverified]!;
    const which = unverified === 0 ? 'the token' : `its implementation ${names[unverified]}`;
    return {
      summary: { verified: false, contract_name: null, explorer: asked.explorer },
      finding: {
        id: 'unverified_source',
        severity: 'medium',
        title: 'Source code not verified',
        evidence: `${asked.explorer} has no verified source for ${which} (${names[unverified]}): what its code does can only be read from the bytecode`,
      },
    };
  }
  const known = answers.every((a) => a?.verified === true);
  const logic = answers.at(-1);
  return {
    summary: {
      verified: known ? true : null,
      contract_name: known ? (logic?.contract_name ?? null) : null,
      explorer: answers.find((a) => a)?.explorer ?? null,
    },
    finding: null,
  };
}

function tradeFindings(trade: Trade | null, decimals: number): Finding[] {
  if (!trade?.bought) return [];
  const findings: Finding[] = [];
  const buyTax = lossPct(trade.buyExpected, trade.buyReceived);
  const bought = formatAmount(trade.buyReceived, decimals);
  if (!trade.sold)
    findings.push({
      id: 'cannot_sell',
      severity: 'critical',
      title: 'Cannot be sold (honeypot)',
      evidence: `a fresh address bought ${bought} tokens from the pool, and selling them back into it reverted`,
    });
  if (buyTax !== null && buyTax >= 10)
    findings.push({
      id: 'high_buy_tax',
      severity: buyTax >= 50 ? 'high' : 'medium',
      title: 'High buy tax',
      evidence: `a buy delivered ${buyTax}% less than the pool's price (after its own price impact) gives`,
    });
  const sellTax = trade.sold ? lossPct(trade.sellExpected, trade.sellReceived) : null;
  if (sellTax !== null && sellTax >= 10)
    findings.push({
      id: 'high_sell_tax',
      severity: sellTax >= 90 ? 'critical' : sellTax >= 50 ? 'high' : 'medium',
      title: 'High sell tax',
      evidence: `a sale returned ${sellTax}% less than the pool's price (after its own price impact) gives`,
    });
  const transferTax = trade.transferred ? lossPct(trade.transferSent, trade.transferReceived) : null;
  if (transferTax !== null && transferTax >= 1)
    findings.push({
      id: 'transfer_tax',
      severity: transferTax >= 10 ? 'medium' : 'low',
      title: 'Transfers between wallets are taxed',
      evidence: `a transfer between two wallets delivered ${transferTax}% less than was sent`,
    });
  if (!trade.bigBuy)
    findings.push({
      id: 'max_transaction_limit',
      severity: 'low',
      title: 'Maximum transaction size',
      evidence: 'a buy of 0.5% of the pool went through, one twenty times larger reverted',
    });
  if (!trade.secondBuy)
    findings.push({
      id: 'trading_cooldown',
      severity: 'low',
      title: 'Trading cooldown',
      evidence: 'a second buy right after the first, in the same block, reverted (a cooldown, or a cap per wallet)',
    });
  return findings;
}

function simulationOf(trade: Trade | null, pool: Address | null): TokenCheck['simulation'] {
  const gas = (used: bigint, measured: boolean) => (measured ? Number(used) : null);
  return {
    can_buy: trade ? trade.bought : null,
    can_sell: trade?.bought ? trade.sold : null,
    buy_tax_pct: trade?.bought ? lossPct(trade.buyExpected, trade.buyReceived) : null,
    sell_tax_pct: trade?.sold ? lossPct(trade.sellExpected, trade.sellReceived) : null,
    transfer_tax_pct: trade?.transferred ? lossPct(trade.transferSent, trade.transferReceived) : null,
    buy_gas: gas(trade?.buyGas ?? 0n, !!trade?.bought),
    sell_gas: gas(trade?.sellGas ?? 0n, !!trade?.sold),
    pool,
  };
}
