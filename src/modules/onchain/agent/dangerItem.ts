import { ingestSchema, ONCHAIN_WATCH_AGENT_ID, type IngestItem } from '../../intelligence/index.ts';
import type { TokenCheck } from '../check/checkToken.ts';
import { ordered } from '../check/findings.ts';
import { taxText } from '../check/taxText.ts';

/**
 * A token the check put at danger, as an intelligence item of type onchain: the token tagged (chain and
 * address), a title naming what a trader would lose, the findings with their evidence as the content and
 * the analysis. Its external id is the chain and the address: stored once per token, however often sent.
 */
export function dangerItem(
  check: TokenCheck,
  chainId: number,
  pool: { pair: string; block: number },
  now: Date,
): IngestItem {
  const findings = ordered(check.findings);
  const label = check.token.symbol ?? check.address;
  const named = check.token.name && check.token.name !== check.token.symbol ? ` (${check.token.name})` : '';
  const worst = findings
    .slice(0, 3)
    .map((f) => f.title.toLowerCase())
    .join('; ');
  return ingestSchema.parse({
    external_id: `${chainId}:${check.address.toLowerCase()}`,
    type: 'onchain',
    title: `Scam token on ${check.chain}: ${label}${named} at ${check.address}: ${worst}`.slice(0, 500),
    content: [
      `${label}${named}, token ${check.address} on ${check.chain}, pool ${pool.pair} created in block ${pool.block}.`,
      `naughty_coin rates it danger, ${check.score}/100, at block ${check.block}:`,
      ...findings.map((f) => `- ${f.title} (${f.severity}): ${f.evidence}`),
    ].join('\n'),
    analysis: [
      `Level danger, score ${check.score}/100 (0 = no risk found, 100 = certain scam).`,
      `Findings: ${findings.map((f) => `${f.id} (${f.severity})`).join(', ')}.`,
      check.simulation.can_sell === false
        ? 'A fresh address could buy it but not sell it: buyers cannot get out.'
        : check.simulation.sell_tax_pct !== null
          ? `Simulated ${taxText('sell tax', check.simulation.sell_tax_pct)}, ${taxText('buy tax', check.simulation.buy_tax_pct)}.`
          : 'Trading could not be simulated.',
    ].join(' '),
    sentiment: { label: 'bearish', score: -0.9 },
    value: { score: check.score, reasons: findings.slice(0, 5).map((f) => f.id) },
    event: { type: 'hack' },
    tokens: [
      {
        symbol: (check.token.symbol ?? 'UNKNOWN').slice(0, 32) || 'UNKNOWN',
        name: check.token.name?.slice(0, 100) ?? null,
        chain: check.chain,
        address: check.address,
      },
    ],
    source: { kind: 'onchain', name: 'AlphaNest on-chain agent' },
    agent_id: ONCHAIN_WATCH_AGENT_ID,
    published_at: now.toISOString(),
  });
}
