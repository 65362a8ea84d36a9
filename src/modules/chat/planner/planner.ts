import type { TokenLookup } from '../../analysis/index.ts';
import type { Intent } from './intent.ts';
import { describeReport } from './answers.ts';
import type { PlannedCall, Planner } from './types.ts';

/** A cue this strong brings a second domain into the same answer ("the BTC spread and my clan's score"). */
const STRONG = 3;
const ASKS_WHAT_IT_CAN_DO =
  /^\s*(help|\?|hi|hello|hey)\b\W*$|\bwhat (can|do) you (do|know)\b|\bwhat are your (tools|capabilities)\b/i;

/** Requests the planner recognises but no tool serves yet: it says so instead of guessing. */
export interface Unsupported {
  score(text: string): number;
  /** Completes "I can't … yet." */
  what: string;
}

const domainOf = (tool: string) => tool.split('.')[0];

/** In a request for two things, the clauses that ask for this one ("spread for BTC/USDT" of "…and the clan leaderboard"). */
function partFor(intent: Intent, text: string): string {
  const clauses = text.split(/\s+(?:and(?:\s+also)?|then|plus)\s+|;\s*/i).filter((clause) => intent.score(clause) > 0);
  return clauses.length ? clauses.join(' ') : text;
}

export function createPlanner(
  lookup: TokenLookup,
  intents: readonly Intent[],
  unsupported: readonly Unsupported[] = [],
): Planner {
  const byTool = new Map(intents.map((intent) => [intent.tool, intent]));

  const capabilities = (offered: ReadonlySet<string>) => {
    const available = intents.filter((intent) => offered.has(intent.tool)).map((intent) => `- ${intent.capability}`);
    return available.length
      ? `I can:\n${available.join('\n')}`
      : 'No tools are enabled for this message, so I cannot look anything up.';
  };

  return {
    plan(message, offered) {
      const text = message.normalize('NFKC');
      if (ASKS_WHAT_IT_CAN_DO.test(text)) return { kind: 'reply', text: capabilities(offered) };
      const ranked = intents
        .map((intent) => ({ intent, score: intent.score(text) }))
        .filter((entry) => entry.score > 0)
        .sort((a, b) => b.score - a.score);
      const gap = unsupported.find((u) => u.score(text) > (ranked[0]?.score ?? 0));
      if (gap) return { kind: 'reply', text: `I can't ${gap.what} yet.\n\n${capabilities(offered)}` };
      if (ranked.length === 0)
        return { kind: 'reply', text: `Sorry, I didn't understand that request.\n\n${capabilities(offered)}` };

      const chosen = [ranked[0]!.intent];
      for (const { intent, score } of ranked.slice(1)) {
        if (score >= STRONG && !chosen.some((c) => domainOf(c.tool) === domainOf(intent.tool))) chosen.push(intent);
      }
      const usable = chosen.filter((intent) => offered.has(intent.tool));
      if (usable.length === 0)
        return {
          kind: 'reply',
          text: `I can't ${chosen[0]!.capability.replace(/ \(.*\)$/, '')} here: that tool isn't enabled for this message.\n\n${capabilities(offered)}`,
        };

      const calls: PlannedCall[] = [];
      for (const intent of usable) {
        const planned = intent.args(usable.length === 1 ? text : partFor(intent, text), { lookup });
        if ('ask' in planned) return { kind: 'reply', text: planned.ask };
        calls.push({ tool: intent.tool, args: planned.args });
      }
      return { kind: 'call', calls };
    },

    answer(_message, reports) {
      return reports.map((report) => describeReport(report, byTool.get(report.tool))).join('\n\n');
    },
  };
}
