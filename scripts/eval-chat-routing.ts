/**
 * Routing accuracy of the chat's offline planner: for each labelled
 * question (after the message before it, for a follow-up), is the first
 * tool it calls the labelled one (or none, where a reply needs none), one of
 * the labelled alternatives, and are the labelled slots right too?
 *
 *   node scripts/eval-chat-routing.ts [--misses]   the planner as it runs, on every set
 *   node scripts/eval-chat-routing.ts --loso [--misses]  leave one set out: the classifier trained
 *                                                  without the set it is scored on; rules alone, classifier alone,
 *                                                  both (and the misses of both)
 *   node scripts/eval-chat-routing.ts --blind FILE a new set written blind, scored once: its figures (the planner
 *                                                  as it runs, and the rules alone), never its misses
 *
 * The sets: the planner's tuning phrasings (src/modules/chat/planner/routing-tuning.jsonl), the
 * classifier's second to eighth training sets (routing-training-2.jsonl to -8, written blind to the
 * planner, with slots) and datasets/chat-routing-holdout.jsonl and -2 to -10, each written blind and scored once blind, since
 * read and now among the classifier's training phrasings: on them only the leave-one-set-out column
 * estimates an unseen set (and it flatters the rules, which were fixed after reading each set's misses).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTokenLookup } from '../src/modules/analysis/index.ts';
import { createLocalPlanner, INTENTS, PLANNER_TOOLS } from '../src/modules/chat/planner/localPlanner.ts';
import { plannerTokens } from '../src/modules/chat/planner/extract.ts';
import { createPlanner } from '../src/modules/chat/planner/planner.ts';
import { type Blend, createRouter, TRAINING_SETS, training, trainRouting } from '../src/modules/chat/planner/router.ts';
import { type RoutingScore, readRoutingCases, scoreRouting } from '../src/modules/chat/planner/routingEvaluation.ts';
import { createTokenRegistry } from '../src/modules/tokens/index.ts';

const registry = createTokenRegistry();
const lookup = plannerTokens(registry, createTokenLookup(registry));
const showMisses = process.argv.includes('--misses');
const ratio = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
const figures = (score: RoutingScore) =>
  `${ratio(score.routed, score.cases)} / ${ratio(score.acceptable, score.cases)} / ${ratio(score.withSlots, score.cases)}`;

// Every set but the classifier's own phrasings, which carry no slots.
const { classifier: _, ...labelledSets } = TRAINING_SETS;

const blindAt = process.argv.indexOf('--blind');

if (blindAt !== -1) {
  const file = process.argv[blindAt + 1];
  if (!file) throw new Error('--blind needs the set to score: --blind datasets/chat-routing-holdout-N.jsonl');
  const url = pathToFileURL(resolve(file));
  if (Object.values(TRAINING_SETS).some((set) => set.href === url.href))
    throw new Error(`${file} is a training set: only --loso estimates an unseen set from it`);
  const cases = readRoutingCases(url);
  const asRuns = scoreRouting(createLocalPlanner(registry), cases, PLANNER_TOOLS, registry);
  const rulesAlone = scoreRouting(createPlanner(lookup, INTENTS), cases, PLANNER_TOOLS, registry);
  console.log(`${file}: ${cases.length} questions, routed / or an alternative / with slots`);
  console.log(`  the planner as it runs  ${figures(asRuns)}`);
  console.log(`  the rules alone         ${figures(rulesAlone)}`);
  // Reading a blind set's misses spends it (datasets/README-chat-routing.md).
  console.log('  (misses not printed: reading them would spend this blind set)');
} else if (process.argv.includes('--loso')) {
  console.log('held-out set  questions  routed / or an alternative / with slots');
  console.log(`${''.padEnd(24)}${'rules alone'.padEnd(26)}${'classifier alone'.padEnd(26)}rules and classifier`);
  for (const [name, file] of Object.entries(labelledSets)) {
    const others = Object.entries(TRAINING_SETS)
      .filter(([set]) => set !== name)
      .flatMap(([, file]) => readRoutingCases(file));
    const model = training(() => trainRouting(INTENTS, lookup, others)).now();
    const cases = readRoutingCases(file);
    const scores = [undefined, 'classifier', 'combined'].map((blend) =>
      scoreRouting(
        createPlanner(lookup, INTENTS, blend ? { route: createRouter(() => model, blend as Blend) } : {}),
        cases,
        PLANNER_TOOLS,
        registry,
      ),
    );
    console.log(`${name.padEnd(12)}${String(cases.length).padStart(5)}       ${scores.map(figures).join('   ')}`);
    // What an unseen set of this kind gets wrong: the misses of the rules and the classifier trained without it.
    if (showMisses) for (const miss of scores[2]!.misses) console.log(`  ${JSON.stringify(miss)}`);
  }
} else {
  const planner = createLocalPlanner(registry);
  for (const [name, file] of Object.entries(labelledSets)) {
    const score = scoreRouting(planner, readRoutingCases(file), PLANNER_TOOLS, registry);
    console.log(
      `${name.padEnd(9)} ${String(score.cases).padStart(4)} questions  routed ${ratio(score.routed, score.cases)}  ` +
        `(or an alternative ${ratio(score.acceptable, score.cases)})  with slots ${ratio(score.withSlots, score.cases)}`,
    );
    if (showMisses) for (const miss of score.misses) console.log(`  ${JSON.stringify(miss)}`);
  }
}
