import { parentPort } from 'node:worker_threads';
import { createEmbeddedAnalyser } from '../analysis/index.ts';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import type { AnalysisTask, AnalysisAnswer } from './analysisPool.ts';

// The embedded analyser on a worker thread of the analysis pool.
const analyser = createEmbeddedAnalyser(createTokenRegistry());

parentPort!.on('message', async (tasks: AnalysisTask[]) => {
  const answers: AnalysisAnswer[] = [];
  for (const { id, input, context } of tasks) {
    try {
      answers.push({ id, analysis: await analyser.analyse(input, context) });
    } catch (err) {
      answers.push({ id, error: (err as Error).message });
    }
  }
  parentPort!.postMessage(answers);
});
