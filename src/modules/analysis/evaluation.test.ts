import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createEmbeddedAnalyser } from './embeddedAnalyser.ts';
import { evaluateAnalyser, evaluationTargets, missedTargets, readLabelledPosts } from './evaluation.ts';

const datasets = { tuning: 'analysis-eval.jsonl', holdout: 'analysis-holdout.jsonl' } as const;

describe.each(Object.entries(datasets) as Array<[keyof typeof datasets, string]>)(
  'the embedded analyser on the %s set',
  (set, file) => {
    it('meets its targets for tokens, sentiment and events', async () => {
      const posts = readLabelledPosts(new URL(`../../../datasets/${file}`, import.meta.url));
      const evaluation = await evaluateAnalyser(createEmbeddedAnalyser(createTokenRegistry()), posts);
      expect(evaluation.posts).toBeGreaterThan(50);
      expect(missedTargets(evaluation, evaluationTargets[set])).toEqual([]);
    });
  },
);
