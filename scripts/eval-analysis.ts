/**
 * Scores the embedded analyser against labelled posts (by default
 * datasets/analysis-eval.jsonl): token precision/recall/F1 (micro, over
 * symbols), subject accuracy where subjects are labelled, sentiment and event
 * accuracy, per-class confusion, and the prose checks (analysis and summary
 * present, not the headline again, naming the main token and the event).
 * Exits 1 when a score is below its target (the same targets `npm test` holds
 * every dataset to, in src/modules/analysis/evaluation.test.ts).
 *
 *   node scripts/eval-analysis.ts [file.jsonl] [--errors]   (--errors lists every miss)
 *
 * datasets/analysis-holdout.jsonl and datasets/analysis-holdout-2.jsonl were
 * written after the lexicons and have never been used to change them: run
 * them to see how the scores hold up on posts the analyser was not tuned against.
 */
import { createEmbeddedAnalyser, EVENT_TYPES, SENTIMENT_LABELS } from '../src/modules/analysis/index.ts';
import {
  evaluateAnalyser,
  evaluationSets,
  evaluationTargets,
  missedTargets,
  readLabelledPosts,
} from '../src/modules/analysis/evaluation.ts';
import { createTokenRegistry } from '../src/modules/tokens/tokenRegistry.ts';

const argument = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const file = argument
  ? new URL(argument, `file://${process.cwd()}/`)
  : new URL('../datasets/analysis-eval.jsonl', import.meta.url);
const set = (Object.keys(evaluationSets) as Array<keyof typeof evaluationSets>).find((name) =>
  file.pathname.endsWith(`/${evaluationSets[name]}`),
);
const targets = evaluationTargets[set ?? 'tuning'];
const evaluation = await evaluateAnalyser(createEmbeddedAnalyser(createTokenRegistry()), readLabelledPosts(file));

/** Per class: support, precision, recall, and where its misses went. */
function confusion(title: string, classes: readonly string[], pairs: Array<[string, string]>): void {
  console.log(`\n${title}`);
  console.log(
    `  ${'class'.padEnd(13)} ${'n'.padStart(4)} ${'prec'.padStart(6)} ${'recall'.padStart(6)}  misclassified as`,
  );
  for (const label of classes) {
    const support = pairs.filter(([e]) => e === label).length;
    const predicted = pairs.filter(([, a]) => a === label).length;
    const correct = pairs.filter(([e, a]) => e === label && a === label).length;
    const confusions = new Map<string, number>();
    for (const [e, a] of pairs) if (e === label && a !== label) confusions.set(a, (confusions.get(a) ?? 0) + 1);
    const misses = [...confusions]
      .sort((a, b) => b[1] - a[1])
      .map(([a, n]) => `${a} ${n}`)
      .join(', ');
    const pct = (n: number, d: number) => (d === 0 ? '–' : n / d).toLocaleString('en', { maximumFractionDigits: 2 });
    console.log(
      `  ${label.padEnd(13)} ${String(support).padStart(4)} ${String(pct(correct, predicted)).padStart(6)} ${String(pct(correct, support)).padStart(6)}  ${misses}`,
    );
  }
}

const fmt = (n: number) => n.toFixed(3);
const { tokens } = evaluation;
console.log(`Evaluated ${evaluation.posts} labelled posts (${file.pathname})`);
console.log(
  `Tokens     precision ${fmt(tokens.precision)}  recall ${fmt(tokens.recall)}  F1 ${fmt(tokens.f1)}  (tp ${tokens.truePositives}, fp ${tokens.falsePositives}, fn ${tokens.falseNegatives})`,
);
console.log(`Sentiment  accuracy ${fmt(evaluation.sentimentAccuracy)}`);
console.log(`Event      accuracy ${fmt(evaluation.eventAccuracy)}`);
if (evaluation.subjectPosts > 0)
  console.log(`Subjects   accuracy ${fmt(evaluation.subjectAccuracy)}  (${evaluation.subjectPosts} labelled posts)`);
console.log(`Prose      checks passed ${fmt(evaluation.proseAccuracy)}`);
confusion('Sentiment by class', SENTIMENT_LABELS, evaluation.sentimentPairs);
confusion('Event by class', EVENT_TYPES, evaluation.eventPairs);
if (process.argv.includes('--errors'))
  console.log(`\nMisses (${evaluation.misses.length} posts):\n${evaluation.misses.join('\n')}`);

const failures = missedTargets(evaluation, targets);
if (failures.length) {
  console.error(`\nBELOW TARGET: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('\nAll targets met.');
