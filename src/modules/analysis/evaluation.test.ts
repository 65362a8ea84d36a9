import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createEmbeddedAnalyser } from './embeddedAnalyser.ts';
import { evaluateAnalyser, evaluationSets, evaluationTargets, missedTargets, readLabelledPosts } from './evaluation.ts';

const analyser = createEmbeddedAnalyser(createTokenRegistry());

describe.each(Object.entries(evaluationSets) as Array<[keyof typeof evaluationSets, string]>)(
  'the embedded analyser on the %s set',
  (set, file) => {
    it('meets its targets for tokens, subjects, sentiment, events and prose', async () => {
      const posts = readLabelledPosts(new URL(`../../../datasets/${file}`, import.meta.url));
      const evaluation = await evaluateAnalyser(analyser, posts);
      expect(evaluation.posts).toBeGreaterThan(50);
      expect(missedTargets(evaluation, evaluationTargets[set])).toEqual([]);
    });
  },
);
