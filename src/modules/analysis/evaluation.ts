import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EVENT_TYPES, SENTIMENT_LABELS, SOURCE_KINDS, type Analyser } from './types.ts';

/** A post with what a careful reader says about it. */
const labelledPostSchema = z.object({
  id: z.string(),
  source: z.object({ kind: z.enum(SOURCE_KINDS), name: z.string() }),
  title: z.string().optional(),
  text: z.string(),
  expected: z.object({ tokens: z.array(z.string()), sentiment: z.enum(SENTIMENT_LABELS), event: z.enum(EVENT_TYPES) }),
});
export type LabelledPost = z.output<typeof labelledPostSchema>;

/** The labelled posts of a JSON Lines file (datasets/analysis-eval.jsonl, datasets/analysis-holdout.jsonl). */
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
  /** [expected, actual] per post, for per-class confusion. */
  sentimentPairs: Array<[string, string]>;
  eventPairs: Array<[string, string]>;
  /** One line per post the analyser got anything wrong on. */
  misses: string[];
}

/** Scores an analyser against labelled posts: token precision/recall/F1 (micro, over symbols), sentiment and event accuracy. */
export async function evaluateAnalyser(analyser: Analyser, posts: LabelledPost[]): Promise<Evaluation> {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const sentimentPairs: Array<[string, string]> = [];
  const eventPairs: Array<[string, string]> = [];
  const misses: string[] = [];
  for (const post of posts) {
    const analysis = await analyser.analyse({ title: post.title, text: post.text, source: post.source });
    const expected = new Set(post.expected.tokens);
    // Did it find the tokens: the story's subjects and its passing mentions together.
    const actual = new Set([...analysis.tokens, ...analysis.mentions].map((t) => t.symbol));
    const missed = [...expected].filter((s) => !actual.has(s));
    const extra = [...actual].filter((s) => !expected.has(s));
    truePositives += expected.size - missed.length;
    falseNegatives += missed.length;
    falsePositives += extra.length;
    sentimentPairs.push([post.expected.sentiment, analysis.sentiment.label]);
    eventPairs.push([post.expected.event, analysis.event.type]);
    const problems = [
      ...(missed.length ? [`missed ${missed.join(',')}`] : []),
      ...(extra.length ? [`extra ${extra.join(',')}`] : []),
      ...(post.expected.sentiment !== analysis.sentiment.label
        ? [`sentiment ${post.expected.sentiment}→${analysis.sentiment.label} (${analysis.sentiment.score})`]
        : []),
      ...(post.expected.event !== analysis.event.type ? [`event ${post.expected.event}→${analysis.event.type}`] : []),
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
    sentimentPairs,
    eventPairs,
    misses,
  };
}

export interface EvaluationTargets {
  tokenF1: number;
  sentimentAccuracy: number;
  eventAccuracy: number;
}

/**
 * What the embedded analyser must score. The tuning set is the one the
 * lexicons were written against; the holdout set was written after them and
 * never used to change them, so its targets sit just under what was measured
 * when they were set (sentiment 0.695, events 0.847, tokens 1.0 on 59 posts):
 * they catch a regression, and raising them is the work of making analysis better.
 */
export const evaluationTargets = {
  tuning: { tokenF1: 0.9, sentimentAccuracy: 0.8, eventAccuracy: 0.8 },
  holdout: { tokenF1: 0.9, sentimentAccuracy: 0.65, eventAccuracy: 0.8 },
} satisfies Record<string, EvaluationTargets>;

/** The targets an evaluation misses, as lines (empty when all are met). */
export function missedTargets(evaluation: Evaluation, targets: EvaluationTargets): string[] {
  const fmt = (n: number) => n.toFixed(3);
  return [
    ...(evaluation.tokens.f1 < targets.tokenF1 ? [`token F1 ${fmt(evaluation.tokens.f1)} < ${targets.tokenF1}`] : []),
    ...(evaluation.sentimentAccuracy < targets.sentimentAccuracy
      ? [`sentiment accuracy ${fmt(evaluation.sentimentAccuracy)} < ${targets.sentimentAccuracy}`]
      : []),
    ...(evaluation.eventAccuracy < targets.eventAccuracy
      ? [`event accuracy ${fmt(evaluation.eventAccuracy)} < ${targets.eventAccuracy}`]
      : []),
  ];
}
