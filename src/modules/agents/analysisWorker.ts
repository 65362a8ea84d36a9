import { parentPort } from 'node:worker_threads';
import { createEmbeddedAnalyser } from '../analysis/index.ts';
import { createTokenRegistry } from '../tokens/index.ts';
import type { AnalysisAnswer, AnalysisTask, TaskStarted } from './analysisPool.ts';

// The embedded analyser on a worker thread of the analysis pool (piscina calls the default export once per task).
const analyser = createEmbeddedAnalyser(createTokenRegistry());

/** One answer per post, in order: a post that cannot be analysed fails alone, not its task. */
export default async function analyseTask({ id, posts }: AnalysisTask): Promise<AnalysisAnswer[]> {
  parentPort!.postMessage({ started: id } satisfies TaskStarted);
  const answers: AnalysisAnswer[] = [];
  for (const { input, context } of posts) {
    try {
      answers.push({ analysis: await analyser.analyse(input, context) });
    } catch (err) {
      answers.push({ error: (err as Error).message });
    }
  }
  return answers;
}
