import { readFileSync } from 'node:fs';
import type { TokenRegistry } from '../../tokens/index.ts';
import { colour, windowMinutes } from './extract.ts';
import { chainName } from './intents/naughtyCoin.ts';
import type { Planner, Turn } from './types.ts';

/**
 * One labelled question (datasets/README-chat-routing.md): the tool the
 * planner should call first (null: a reply without a tool), the slots that
 * decide the answer, other tools a careful assistant could defensibly call
 * first, and for a follow-up the message before it.
 */
export interface RoutingCase {
  question: string;
  previous?: string;
  tool: string | null;
  args?: Record<string, unknown>;
  alternatives?: string[];
}

interface RoutingMiss {
  question: string;
  previous?: string;
  expected: { tool: string | null; args?: Record<string, unknown> };
  got: { tool: string | null; args?: Record<string, unknown> };
}

export interface RoutingScore {
  cases: number;
  /** The labelled first tool (or rightly none). */
  routed: number;
  /** The labelled tool or one of its alternatives. */
  acceptable: number;
  /** The labelled tool with every labelled slot equal. */
  withSlots: number;
  misses: RoutingMiss[];
}

export function readRoutingCases(file: URL): RoutingCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as RoutingCase);
}

/**
 * Slots compared as the holdout's README says: tokens as canonical tickers
 * through the token registry (bitcoin is BTC), in any order; an arbitrage
 * market and its bare base asset alike (ETH is ETH/USDT); clans by slug or
 * name (spaces read as hyphens); windows by duration (48h is 2d); chains by
 * name or id (8453 is base); colours as six hex digits (#f4c is #ff44cc);
 * words in any case; a single sentiment or event equal to a list of just that value.
 */
function slotComparer(registry: TokenRegistry) {
  const ticker = (value: string) => (registry.resolve(value)[0]?.symbol ?? value).toUpperCase();
  const normal = (tool: string, key: string, value: unknown): unknown => {
    const list = Array.isArray(value) ? value : [value];
    if (['tokens', 'symbols', 'token'].includes(key) || (key === 'symbol' && tool.startsWith('market.')))
      return list.map((v) => ticker(String(v))).sort();
    if (key === 'symbol')
      return list.map((v) =>
        String(v)
          .toUpperCase()
          .replace(/\/USDT$/, ''),
      );
    if (key === 'clan') return list.map((v) => String(v).toLowerCase().trim().replace(/\s+/g, '-'));
    if (key === 'window') return list.map((v) => windowMinutes(String(v)) ?? v);
    if (key === 'chain') return list.map((v) => chainName(String(v).toLowerCase()));
    if (key === 'brand_color') return list.map((v) => colour(String(v)) ?? v);
    return list.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)).sort();
  };
  return (tool: string, expected: Record<string, unknown> | undefined, got: Record<string, unknown> | undefined) =>
    Object.entries(expected ?? {}).every(
      ([key, value]) =>
        got?.[key] !== undefined &&
        JSON.stringify(normal(tool, key, got[key])) === JSON.stringify(normal(tool, key, value)),
    );
}

/** Plans every case (after the message before it, planned the same way) with every tool offered. */
export function scoreRouting(
  planner: Planner,
  cases: readonly RoutingCase[],
  offered: ReadonlySet<string>,
  registry: TokenRegistry,
): RoutingScore {
  const slotsMatch = slotComparer(registry);
  const score: RoutingScore = { cases: cases.length, routed: 0, acceptable: 0, withSlots: 0, misses: [] };
  for (const labelled of cases) {
    const turns: Turn[] = [];
    if (labelled.previous !== undefined) {
      const plan = planner.plan(labelled.previous, offered, turns);
      turns.push({ message: labelled.previous, calls: plan.kind === 'call' ? plan.calls : [] });
    }
    const plan = planner.plan(labelled.question, offered, turns);
    const first = plan.kind === 'call' ? plan.calls[0] : undefined;
    const tool = first?.tool ?? null;
    const routed = tool === labelled.tool;
    const slots = routed && (tool === null || slotsMatch(tool, labelled.args, first?.args));
    if (routed) score.routed++;
    if (routed || (tool !== null && labelled.alternatives?.includes(tool))) score.acceptable++;
    if (slots) score.withSlots++;
    if (!slots)
      score.misses.push({
        question: labelled.question,
        ...(labelled.previous !== undefined && { previous: labelled.previous }),
        expected: { tool: labelled.tool, ...(labelled.args && { args: labelled.args }) },
        got: { tool, ...(first && { args: first.args }) },
      });
  }
  return score;
}
