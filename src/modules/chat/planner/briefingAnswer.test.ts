import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../../tokens/tokenRegistry.ts';
import { DATA_NOTE } from '../resultEnvelope.ts';
import { createLocalPlanner } from './localPlanner.ts';
import type { Plan } from './types.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const planner = createLocalPlanner(createTokenRegistry(), () => NOW);
const ALL = new Set(['intelligence.briefing', 'intelligence.search', 'market.token_info']);

/** The plan's answer to the briefing it called. */
const answer = (plan: Plan, briefing: unknown) => {
  if (plan.kind !== 'call') throw new Error(`expected calls, got: ${plan.text}`);
  const [call] = plan.calls;
  return plan.answer([
    { tool: call!.tool, args: call!.args, output: { tool: call!.tool, tool_result: briefing, note: DATA_NOTE } },
  ]);
};

const item = (title: string, value: number, tokens: string[]) => ({
  id: '00000000-0000-4000-8000-000000000001',
  title,
  summary: null,
  value,
  sentiment: 'bearish',
  tokens,
  published_at: '2026-03-10T09:00:00.000Z',
  source_count: 1,
});

const window = {
  from: '2026-03-09T12:00:00.000Z',
  to: '2026-03-10T12:00:00.000Z',
  previous_from: '2026-03-08T12:00:00.000Z',
  tokens: null,
};

/** A market briefing gives the on-chain agent's scam-token alerts apart from its events: the answer must not drop them. */
describe('the briefing answer and the on-chain alerts', () => {
  const alerts = { count: 13, top_items: [item('Scam token on local: RUGR at 0xabc: cannot be sold', 100, ['RUGR'])] };

  it('gives them a line after the events', () => {
    const briefing = {
      ...window,
      items: 2,
      sentiment: { bullish: 0, bearish: 2, neutral: 0 },
      events: [
        {
          event: 'hack',
          count: 2,
          sentiment: { bullish: 0, bearish: 2, neutral: 0 },
          top_items: [item('Bridge drained', 70, ['ETH'])],
        },
      ],
      onchain_alerts: alerts,
      movers: [],
    };
    expect(answer(planner.plan('give me a quick market briefing', ALL), briefing)).toBe(
      '2 items from 2026-03-09 12:00 UTC to 2026-03-10 12:00 UTC: 0 bullish, 2 bearish, 0 neutral (leaning bearish).\n' +
        '- hack: 2; top: Bridge drained (ETH; value 70)\n' +
        'On-chain alerts: 13 scam tokens flagged; most dangerous: Scam token on local: RUGR at 0xabc: cannot be sold (danger 100).',
    );
  });

  it('says there was no news, not nothing, when the window held alerts only', () => {
    const briefing = {
      ...window,
      items: 0,
      sentiment: { bullish: 0, bearish: 0, neutral: 0 },
      events: [],
      onchain_alerts: alerts,
      movers: [],
    };
    expect(answer(planner.plan('what happened today?', ALL), briefing)).toBe(
      'No news from 2026-03-09 12:00 UTC to 2026-03-10 12:00 UTC.\n' +
        'On-chain alerts: 13 scam tokens flagged; most dangerous: Scam token on local: RUGR at 0xabc: cannot be sold (danger 100).',
    );
  });
});
