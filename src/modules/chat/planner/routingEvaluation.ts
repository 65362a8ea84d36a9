import { readFileSync } from 'node:fs';
import type { Planner, Turn } from './types.ts';

/**
 * One labelled question: the tool the planner should call first (null: a
 * reply without a tool), the slots that matter, and for a follow-up the
 * questions asked before it in the same conversation.
 */
export interface RoutingCase {
  question: string;
  tool: string | null;
  args?: Record<string, unknown>;
  after?: string[];
}

interface RoutingMiss {
  question: string;
  after?: string[];
  expected: { tool: string | null; args?: Record<string, unknown> };
  got: { tool: string | null; args?: Record<string, unknown> };
}

export interface RoutingScore {
  cases: number;
  /** The right first tool (or rightly none). */
  routed: number;
  /** The right first tool with every labelled slot right. */
  withSlots: number;
  misses: RoutingMiss[];
}

export function readRoutingCases(file: URL): RoutingCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as RoutingCase);
}

const normal = (value: unknown): unknown => {
  if (typeof value === 'string') return value.toUpperCase();
  if (Array.isArray(value)) return value.map(normal).sort();
  return value;
};

/** A labelled slot matches when the call has it: words in any case, lists in any order. */
function slotsMatch(expected: Record<string, unknown> | undefined, got: Record<string, unknown> | undefined) {
  return Object.entries(expected ?? {}).every(
    ([key, value]) => JSON.stringify(normal(got?.[key])) === JSON.stringify(normal(value)),
  );
}

/** Plans every case (after its earlier questions, planned the same way) with every tool offered. */
export function scoreRouting(
  planner: Planner,
  cases: readonly RoutingCase[],
  offered: ReadonlySet<string>,
): RoutingScore {
  const score: RoutingScore = { cases: cases.length, routed: 0, withSlots: 0, misses: [] };
  for (const labelled of cases) {
    const turns: Turn[] = [];
    for (const message of labelled.after ?? []) {
      const plan = planner.plan(message, offered, turns);
      turns.push({ message, calls: plan.kind === 'call' ? plan.calls : [] });
    }
    const plan = planner.plan(labelled.question, offered, turns);
    const first = plan.kind === 'call' ? plan.calls[0] : undefined;
    const tool = first?.tool ?? null;
    const routed = tool === labelled.tool;
    const slots = routed && slotsMatch(labelled.args, first?.args);
    if (routed) score.routed++;
    if (slots) score.withSlots++;
    if (!slots)
      score.misses.push({
        question: labelled.question,
        ...(labelled.after && { after: labelled.after }),
        expected: { tool: labelled.tool, ...(labelled.args && { args: labelled.args }) },
        got: { tool, ...(first && { args: first.args }) },
      });
  }
  return score;
}
