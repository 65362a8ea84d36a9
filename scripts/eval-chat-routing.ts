/**
 * Routing accuracy of the chat's offline planner: for each labelled
 * question (after the message before it, for a follow-up), is the first
 * tool it calls the labelled one (or none, where a reply needs none), one of
 * the labelled alternatives, and are the labelled slots right too?
 *
 *   node scripts/eval-chat-routing.ts [--misses]
 *
 * Four sets: the planner's tuning phrasings (src/modules/chat/planner/routing-tuning.jsonl);
 * datasets/chat-routing-holdout.jsonl and -2, each written blind but since read to tune the planner;
 * and datasets/chat-routing-holdout-3.jsonl, written by someone who never saw the planner and never
 * used to change it: the score to trust.
 */
import { createTokenLookup } from '../src/modules/analysis/index.ts';
import { createLocalPlanner, PLANNER_TOOLS } from '../src/modules/chat/planner/localPlanner.ts';
import { readRoutingCases, scoreRouting } from '../src/modules/chat/planner/routingEvaluation.ts';
import { createTokenRegistry } from '../src/modules/tokens/index.ts';

const registry = createTokenRegistry();
const planner = createLocalPlanner(createTokenLookup(registry));
const sets = {
  tuning: new URL('../src/modules/chat/planner/routing-tuning.jsonl', import.meta.url),
  holdout: new URL('../datasets/chat-routing-holdout.jsonl', import.meta.url),
  'holdout-2': new URL('../datasets/chat-routing-holdout-2.jsonl', import.meta.url),
  'holdout-3': new URL('../datasets/chat-routing-holdout-3.jsonl', import.meta.url),
};
const showMisses = process.argv.includes('--misses');
const ratio = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;

for (const [name, file] of Object.entries(sets)) {
  const score = scoreRouting(planner, readRoutingCases(file), PLANNER_TOOLS, registry);
  console.log(
    `${name.padEnd(8)} ${String(score.cases).padStart(4)} questions  routed ${ratio(score.routed, score.cases)}  ` +
      `(or an alternative ${ratio(score.acceptable, score.cases)})  with slots ${ratio(score.withSlots, score.cases)}`,
  );
  if (showMisses) for (const miss of score.misses) console.log(`  ${JSON.stringify(miss)}`);
}
