import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { proseProblems } from './proseChecks.ts';
import { type Analyser, EVENT_TYPES, SENTIMENT_LABELS, SOURCE_KINDS } from './types.ts';

/**
 * A post with what a careful reader says about it: every token it names
 * (`tokens`) and, where labelled, the ones the story is about (`subjects`).
 */
const labelledPostSchema = z.object({
  id: z.string(),
  source: z.object({ kind: z.enum(SOURCE_KINDS), name: z.string() }),
  title: z.string().optional(),
  text: z.string(),
  expected: z.object({
    tokens: z.array(z.string()),
    subjects: z.array(z.string()).optional(),
    sentiment: z.enum(SENTIMENT_LABELS),
    event: z.enum(EVENT_TYPES),
  }),
});
export type LabelledPost = z.output<typeof labelledPostSchema>;

/** The labelled posts of a JSON Lines file (datasets/analysis-*.jsonl). */
export function readLabelledPosts(file: URL | string): LabelledPost[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => labelledPostSchema.parse(JSON.parse(line)));
}

export interface Evaluation {
  posts: number;
  tokens: {
    precision: number;
    recall: number;
    f1: number;
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
  };
  sentimentAccuracy: number;
  eventAccuracy: number;
  /** Share of the posts with labelled subjects whose item tokens are exactly those (1 when none is labelled). */
  subjectAccuracy: number;
  subjectPosts: number;
  /** Share of the posts whose analysis and summary pass the prose checks (proseChecks.ts). */
  proseAccuracy: number;
  /** [expected, actual] per post, for per-class confusion. */
  sentimentPairs: Array<[string, string]>;
  eventPairs: Array<[string, string]>;
  /** One line per post the analyser got anything wrong on. */
  misses: string[];
}

/**
 * Scores an analyser against labelled posts: token precision/recall/F1
 * (micro, over symbols, subjects and passing mentions together: did it find
 * the tokens), subject accuracy (did it tag the story with the right ones),
 * sentiment and event accuracy, and the prose checks.
 */
export async function evaluateAnalyser(analyser: Analyser, posts: LabelledPost[]): Promise<Evaluation> {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let subjectPosts = 0;
  let subjectHits = 0;
  let proseHits = 0;
  const sentimentPairs: Array<[string, string]> = [];
  const eventPairs: Array<[string, string]> = [];
  const misses: string[] = [];
  for (const post of posts) {
    const input = { title: post.title, text: post.text, source: post.source };
    const analysis = await analyser.analyse(input);
    const expected = new Set(post.expected.tokens);
    const actual = new Set([...analysis.tokens, ...analysis.mentions].map((t) => t.symbol));
    const missed = [...expected].filter((s) => !actual.has(s));
    const extra = [...actual].filter((s) => !expected.has(s));
    truePositives += expected.size - missed.length;
    falseNegatives += missed.length;
    falsePositives += extra.length;
    const subjects = analysis.tokens.map((t) => t.symbol);
    const wrongSubjects =
      post.expected.subjects !== undefined &&
      [...new Set(subjects)].sort().join(',') !== [...new Set(post.expected.subjects)].sort().join(',');
    if (post.expected.subjects !== undefined) subjectPosts++;
    if (post.expected.subjects !== undefined && !wrongSubjects) subjectHits++;
    const prose = proseProblems(input, analysis);
    if (prose.length === 0) proseHits++;
    sentimentPairs.push([post.expected.sentiment, analysis.sentiment.label]);
    eventPairs.push([post.expected.event, analysis.event.type]);
    const problems = [
      ...(missed.length ? [`missed ${missed.join(',')}`] : []),
      ...(extra.length ? [`extra ${extra.join(',')}`] : []),
      ...(post.expected.sentiment !== analysis.sentiment.label
        ? [`sentiment ${post.expected.sentiment}→${analysis.sentiment.label} (${analysis.sentiment.score})`]
        : []),
      ...(post.expected.event !== analysis.event.type ? [`event ${post.expected.event}→${analysis.event.type}`] : []),
      ...(wrongSubjects ? [`subjects ${post.expected.subjects?.join(',') || '–'}→${subjects.join(',') || '–'}`] : []),
      ...prose,
    ];
    if (problems.length) misses.push(`${post.id}: ${problems.join('; ')} | ${(post.title ?? post.text).slice(0, 80)}`);
  }
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + falseNegatives);
  const accuracy = (pairs: Array<[string, string]>) =>
    pairs.filter(([e, a]) => e === a).length / Math.max(1, pairs.length);
  return {
    posts: posts.length,
    tokens: {
      precision,
      recall,
      f1: (2 * precision * recall) / Math.max(Number.EPSILON, precision + recall),
      truePositives,
      falsePositives,
      falseNegatives,
    },
    sentimentAccuracy: accuracy(sentimentPairs),
    eventAccuracy: accuracy(eventPairs),
    subjectAccuracy: subjectPosts === 0 ? 1 : subjectHits / subjectPosts,
    subjectPosts,
    proseAccuracy: proseHits / Math.max(1, posts.length),
    sentimentPairs,
    eventPairs,
    misses,
  };
}

export interface EvaluationTargets {
  tokenF1: number;
  sentimentAccuracy: number;
  eventAccuracy: number;
  /** Only where subjects are labelled (the second holdout). */
  subjectAccuracy: number;
  proseAccuracy: number;
}

/**
 * What the embedded analyser must score. The tuning set is the one the
 * lexicons were written against. The holdouts were written after them: the
 * first (59 posts) measured sentiment 0.695 and events 0.847 when it was set;
 * the second (178 posts, with subjects) was committed before the rules were
 * reworked for issue 12 and measured sentiment 0.680, events 0.865 then.
 * Since, with general rules (hedges, turns, relief, macro moves, stated and
 * flat markets, the exchange acting) and no phrase taken from a holdout:
 * tuning sentiment 0.873, events 0.958; first holdout 0.864 and 0.915;
 * second holdout 0.803, 0.899, subjects 0.910. Targets sit just under those:
 * they catch a regression. Every post's prose must pass.
 */
export const evaluationTargets = {
  tuning: { tokenF1: 0.98, sentimentAccuracy: 0.86, eventAccuracy: 0.95, subjectAccuracy: 1, proseAccuracy: 1 },
  holdout: { tokenF1: 0.98, sentimentAccuracy: 0.85, eventAccuracy: 0.9, subjectAccuracy: 1, proseAccuracy: 1 },
  holdout2: { tokenF1: 0.97, sentimentAccuracy: 0.8, eventAccuracy: 0.89, subjectAccuracy: 0.9, proseAccuracy: 1 },
} satisfies Record<string, EvaluationTargets>;

/** The labelled sets and their files under datasets/. */
export const evaluationSets = {
  tuning: 'analysis-eval.jsonl',
  holdout: 'analysis-holdout.jsonl',
  holdout2: 'analysis-holdout-2.jsonl',
} satisfies Record<keyof typeof evaluationTargets, string>;

/** The targets an evaluation misses, as lines (empty when all are met). */
export function missedTargets(evaluation: Evaluation, targets: EvaluationTargets): string[] {
  const scores = [
    ['token F1', evaluation.tokens.f1, targets.tokenF1],
    ['sentiment accuracy', evaluation.sentimentAccuracy, targets.sentimentAccuracy],
    ['event accuracy', evaluation.eventAccuracy, targets.eventAccuracy],
    ['subject accuracy', evaluation.subjectAccuracy, targets.subjectAccuracy],
    ['prose checks passed', evaluation.proseAccuracy, targets.proseAccuracy],
  ] as const;
  return scores
    .filter(([, score, target]) => score < target)
    .map(([name, score, target]) => `${name} ${score.toFixed(3)} < ${target}`);
}
