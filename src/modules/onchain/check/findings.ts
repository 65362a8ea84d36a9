/** The fixed vocabulary of naughty_coin findings; docs/onchain.md says what triggers each. */
export const FINDING_IDS = [
  'cannot_sell',
  'high_buy_tax',
  'high_sell_tax',
  'transfer_tax',
  'tax_modifiable',
  'mintable',
  'owner_can_change_balance',
  'blacklist',
  'whitelist_only',
  'pausable',
  'max_transaction_limit',
  'trading_cooldown',
  'upgradeable_proxy',
  'selfdestruct',
  'external_call',
  'ownership_not_renounced',
  'hidden_owner',
  'holder_concentration',
  'creator_concentration',
  'low_liquidity',
  'liquidity_unlocked',
  'impersonation',
  'no_liquidity_pool',
  'unverified_source',
] as const;
type FindingId = (typeof FINDING_IDS)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  id: FindingId;
  severity: Severity;
  title: string;
  /** What was observed, with the figures and addresses. */
  evidence: string;
}

export type Level = 'safe' | 'caution' | 'danger' | 'unknown';

const WEIGHT: Record<Severity, number> = { info: 0, low: 5, medium: 15, high: 30, critical: 60 };

/**
 * 0 (no risk found) to 100 (certain scam): the findings' weights added up. A critical finding is danger on its
 * own; without one, danger from 60, caution from 15 (one medium finding). When the trading simulation could not
 * tell whether the token can be bought and sold, the level is unknown rather than safe or caution.
 */
export function assess(findings: readonly Finding[], tradeKnown: boolean): { level: Level; score: number } {
  const score = Math.min(
    100,
    findings.reduce((sum, f) => sum + WEIGHT[f.severity], 0),
  );
  if (findings.some((f) => f.severity === 'critical') || score >= 60) return { level: 'danger', score };
  if (!tradeKnown) return { level: 'unknown', score };
  return { level: score >= 15 ? 'caution' : 'safe', score };
}

/** Findings worst first (then in vocabulary order), each id once (its most severe observation). */
export function ordered(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => -SEVERITIES.indexOf(f.severity) * 100 + FINDING_IDS.indexOf(f.id);
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
  return sorted.filter((f, i) => sorted.findIndex((g) => g.id === f.id) === i);
}
