import { getAddress } from 'viem';
import { formatAmount } from '../../core/displayAmount.ts';
import { EVIDENCE_SEVERITIES, type DossierOutput, type Evidence } from './schemas.ts';
import type { WalletFacts } from './walletFacts.ts';

/** Points per severity; each evidence id counts once, at its most severe. */
const WEIGHT: Record<Evidence['severity'], number> = { low: 5, medium: 15, high: 30, critical: 60 };
/** The least score of each level, most severe first. */
const LEVELS: Array<[DossierOutput['risk_level'], number]> = [
  ['critical', 60],
  ['high', 30],
  ['medium', 15],
];
/** Share of a pool taken out that reads as pulling the liquidity. */
const REMOVED_PCT = 50;
const SUMMARY_EVIDENCE = 3;

const short = (a: string) => getAddress(a);
/** An amount of the chain's native coin for people to read: `23.85 ETH` (`23.85 in native coin` on a chain whose ticker is not known). */
const coinsOn =
  ({ spec }: WalletFacts['chain']) =>
  (wei: bigint) => {
    const amount = formatAmount(wei, 18);
    return spec.native_symbol ? `${amount} ${spec.native_symbol}` : `${amount} in native coin`;
  };

/** The evidence an address's history gives, most severe first. */
function evidenceOf(facts: WalletFacts): Evidence[] {
  const found: Evidence[] = [];
  const coins = coinsOn(facts.chain);
  if (facts.flag)
    found.push({
      id: 'flagged_address',
      severity: 'critical',
      description: `Flagged as ${facts.flag.category} by ${facts.flag.source}: ${facts.flag.reason}.`,
    });
  const funding = facts.funding;
  const funder = funding && facts.flags.get(funding.from.toLowerCase());
  if (funding && funder)
    found.push({
      id: 'funded_by_flagged',
      severity: 'high',
      description: `Its first native coin (${coins(funding.value)}) came from ${short(funding.from)}, flagged as ${funder.category} (${funder.reason}).`,
      tx_hash: funding.tx_hash,
      counterparty: short(funding.from),
    });
  for (const c of facts.counterparties ?? []) {
    if (!c.flag) continue;
    const who = `${short(c.address)}, flagged as ${c.flag.category} (${c.flag.reason})`;
    const otherInbound = c.receivedTxs.find((tx) => tx !== funding?.tx_hash);
    if (otherInbound)
      found.push({
        id: 'received_from_flagged',
        severity: 'medium',
        description: `Received ${c.received} transfer(s) (${coins(c.nativeReceived)} in all) from ${who}.`,
        tx_hash: otherInbound,
        counterparty: short(c.address),
      });
    if (c.sent > 0)
      found.push({
        id: 'sent_to_flagged',
        severity: 'high',
        description: `Sent ${c.sent} transfer(s) (${coins(c.nativeSent)} in all) to ${who}.`,
        tx_hash: c.sentTxs[0]!,
        counterparty: short(c.address),
      });
    if (c.flag.category === 'mixer')
      found.push({
        id: 'mixer_interaction',
        severity: 'high',
        description: `Moved funds ${c.sent && c.received ? 'into and out of' : c.sent ? 'into' : 'out of'} the mixer ${short(c.address)} (${c.flag.reason}).`,
        tx_hash: c.firstTx,
        counterparty: short(c.address),
      });
  }
  const deployed = new Set<string>();
  for (const contract of facts.contracts ?? []) {
    deployed.add(contract.address.toLowerCase());
    const rating = contract.rating;
    if (!rating || (rating.level !== 'danger' && rating.level !== 'caution')) continue;
    const name = rating.token.symbol ?? rating.token.name ?? 'a token';
    found.push(
      rating.level === 'danger'
        ? {
            id: 'deployed_dangerous_token',
            severity: 'critical',
            description: `Deployed ${name} (${short(contract.address)}), which naughty_coin rates danger (score ${rating.score}).`,
            token: short(contract.address),
          }
        : {
            id: 'deployed_risky_token',
            severity: 'medium',
            description: `Deployed ${name} (${short(contract.address)}), which naughty_coin rates caution (score ${rating.score}).`,
            token: short(contract.address),
          },
    );
  }
  for (const pool of facts.pools ?? []) {
    if (pool.removedPct === null || pool.removedPct < REMOVED_PCT) continue;
    const own = deployed.has(pool.token.toLowerCase());
    found.push({
      id: 'liquidity_removed',
      severity: own ? 'critical' : 'high',
      description:
        `Removed ${coins(pool.removedNative)} from the pool ${short(pool.pair)}, ${pool.removedPct} % of what it held` +
        (own ? ', of a token it deployed itself.' : '.'),
      ...(pool.largestRemovalTx && { tx_hash: pool.largestRemovalTx }),
      token: short(pool.token),
    });
  }
  const rank = (e: Evidence) => EVIDENCE_SEVERITIES.indexOf(e.severity);
  return found.sort((a, b) => rank(b) - rank(a));
}

/** The score: each evidence id once, at its most severe, capped at 100. */
function scoreOf(evidence: Evidence[]): number {
  const worst = new Map<string, number>();
  for (const e of evidence) worst.set(e.id, Math.max(worst.get(e.id) ?? 0, WEIGHT[e.severity]));
  return Math.min(
    100,
    [...worst.values()].reduce((sum, w) => sum + w, 0),
  );
}

/** wallet.scam_dossier's answer: evidence, a score, a level, and a summary that quotes the worst evidence. */
export function dossierOf(facts: WalletFacts): DossierOutput {
  const evidence = evidenceOf(facts);
  const score = scoreOf(evidence);
  // Missing history can hide evidence but never invent it: nothing found without it is unknown, not low.
  const historyMissing = !facts.native || !facts.tokens || !facts.contracts || !facts.pools;
  // A contract's transactions say nothing of what it does to its holders (a honeypot sends none): no clean bill either.
  const level: DossierOutput['risk_level'] =
    LEVELS.find(([, least]) => score >= least)?.[0] ??
    (evidence.length === 0 && (historyMissing || facts.isContract) ? 'unknown' : 'low');
  const who = `${facts.address} on ${facts.chain.spec.name}`;
  let summary: string;
  if (evidence.length === 0 && facts.isContract)
    summary = `${who}: a contract, not a wallet. No evidence in its transactions, but they do not show what the contract does to its holders: naughty_coin.check_token rates it.`;
  else if (evidence.length === 0)
    summary =
      level === 'unknown'
        ? `${who}: unknown risk. No evidence found, but the chain's history of this address is not at hand, so this is not a clean bill.`
        : `${who}: low risk. No evidence of scam activity in ${facts.activity?.tx_count ?? 'its'} transaction(s) read.`;
  else {
    const quoted = evidence.slice(0, SUMMARY_EVIDENCE).map((e) => e.description);
    const more = evidence.length > SUMMARY_EVIDENCE ? ` And ${evidence.length - SUMMARY_EVIDENCE} more.` : '';
    summary = `${who}: ${level} risk, score ${score}/100. ${quoted.join(' ')}${more}`;
  }
  return {
    chain: facts.chain.spec.name,
    address: facts.address,
    is_contract: facts.isContract,
    risk_level: level,
    score,
    evidence,
    summary,
    notes: facts.notes,
  };
}
