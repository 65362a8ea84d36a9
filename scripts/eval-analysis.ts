/**
 * Scores the embedded analyser against labelled posts (by default
 * datasets/analysis-eval.jsonl): token precision/recall/F1 (micro, over
 * symbols), sentiment and event accuracy, and per-class confusion. Exits 1
 * when a score is below its target.
 *
 *   node scripts/eval-analysis.ts [file.jsonl] [--errors]   (--errors lists every miss)
 *
 * datasets/analysis-holdout.jsonl was written after the lexicons were last
 * changed and has never been used to change them: run it to see how the
 * scores hold up on posts the analyser was not tuned against.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { createEmbeddedAnalyser, EVENT_TYPES, SENTIMENT_LABELS, SOURCE_KINDS } from '../src/modules/analysis/index.ts';
import { createTokenRegistry } from '../src/modules/tokens/tokenRegistry.ts';

const TARGETS = { tokenF1: 0.9, sentimentAccuracy: 0.8, eventAccuracy: 0.8 };

const caseSchema = z.object({
  id: z.string(),
  source: z.object({ kind: z.enum(SOURCE_KINDS), name: z.string() }),
  title: z.string().optional(),
  text: z.string(),
  expected: z.object({ tokens: z.array(z.string()), sentiment: z.enum(SENTIMENT_LABELS), event: z.enum(EVENT_TYPES) }),
});

const argument = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const file = argument ? new URL(argument, `file://${process.cwd()}/`) : new URL('../datasets/analysis-eval.jsonl', import.meta.url);
const cases = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => caseSchema.parse(JSON.parse(line)));
const showErrors = process.argv.includes('--errors');

const analyser = createEmbeddedAnalyser(createTokenRegistry());
let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
const sentimentPairs: Array<[expected: string, actual: string]> = [];
const eventPairs: Array<[expected: string, actual: string]> = [];
const errors: string[] = [];

for (const item of cases) {
  const analysis = await analyser.analyse({ title: item.title, text: item.text, source: item.source });
  const expected = new Set(item.expected.tokens);
  const actual = new Set(analysis.tokens.map((t) => t.symbol));
  const missed = [...expected].filter((s) => !actual.has(s));
  const extra = [...actual].filter((s) => !expected.has(s));
  truePositives += expected.size - missed.length;
  falseNegatives += missed.length;
  falsePositives += extra.length;
  sentimentPairs.push([item.expected.sentiment, analysis.sentiment.label]);
  eventPairs.push([item.expected.event, analysis.event.type]);

  const problems = [
    ...(missed.length ? [`missed ${missed.join(',')}`] : []),
    ...(extra.length ? [`extra ${extra.join(',')}`] : []),
    ...(item.expected.sentiment !== analysis.sentiment.label ? [`sentiment ${item.expected.sentiment}→${analysis.sentiment.label} (${analysis.sentiment.score})`] : []),
    ...(item.expected.event !== analysis.event.type ? [`event ${item.expected.event}→${analysis.event.type}`] : []),
  ];
  if (problems.length) errors.push(`${item.id}: ${problems.join('; ')} | ${(item.title ?? item.text).slice(0, 80)}`);
}

const precision = truePositives / Math.max(1, truePositives + falsePositives);
const recall = truePositives / Math.max(1, truePositives + falseNegatives);
const f1 = (2 * precision * recall) / Math.max(Number.EPSILON, precision + recall);
const accuracy = (pairs: Array<[string, string]>) => pairs.filter(([e, a]) => e === a).length / pairs.length;
const sentimentAccuracy = accuracy(sentimentPairs);
const eventAccuracy = accuracy(eventPairs);

/** Per class: support, precision, recall, and where its misses went. */
function confusion(title: string, classes: readonly string[], pairs: Array<[string, string]>): void {
  console.log(`\n${title}`);
  console.log(`  ${'class'.padEnd(13)} ${'n'.padStart(4)} ${'prec'.padStart(6)} ${'recall'.padStart(6)}  misclassified as`);
  for (const label of classes) {
    const support = pairs.filter(([e]) => e === label).length;
    const predicted = pairs.filter(([, a]) => a === label).length;
    const correct = pairs.filter(([e, a]) => e === label && a === label).length;
    const confusions = new Map<string, number>();
    for (const [e, a] of pairs) if (e === label && a !== label) confusions.set(a, (confusions.get(a) ?? 0) + 1);
    const misses = [...confusions].sort((a, b) => b[1] - a[1]).map(([a, n]) => `${a} ${n}`).join(', ');
    const pct = (n: number, d: number) => (d === 0 ? '–' : n / d).toLocaleString('en', { maximumFractionDigits: 2 });
    console.log(`  ${label.padEnd(13)} ${String(support).padStart(4)} ${String(pct(correct, predicted)).padStart(6)} ${String(pct(correct, support)).padStart(6)}  ${misses}`);
  }
}

const fmt = (n: number) => n.toFixed(3);
console.log(`Evaluated ${cases.length} labelled posts (${file.pathname})`);
console.log(`Tokens     precision ${fmt(precision)}  recall ${fmt(recall)}  F1 ${fmt(f1)}  (tp ${truePositives}, fp ${falsePositives}, fn ${falseNegatives})`);
console.log(`Sentiment  accuracy ${fmt(sentimentAccuracy)}`);
console.log(`Event      accuracy ${fmt(eventAccuracy)}`);
confusion('Sentiment by class', SENTIMENT_LABELS, sentimentPairs);
confusion('Event by class', EVENT_TYPES, eventPairs);
if (showErrors) console.log(`\nMisses (${errors.length} posts):\n${errors.join('\n')}`);

const failures = [
  ...(f1 < TARGETS.tokenF1 ? [`token F1 ${fmt(f1)} < ${TARGETS.tokenF1}`] : []),
  ...(sentimentAccuracy < TARGETS.sentimentAccuracy ? [`sentiment accuracy ${fmt(sentimentAccuracy)} < ${TARGETS.sentimentAccuracy}`] : []),
  ...(eventAccuracy < TARGETS.eventAccuracy ? [`event accuracy ${fmt(eventAccuracy)} < ${TARGETS.eventAccuracy}`] : []),
];
if (failures.length) {
  console.error(`\nBELOW TARGET: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('\nAll targets met.');
