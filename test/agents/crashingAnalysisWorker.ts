import { parentPort } from 'node:worker_threads';
import type { AnalysisTask, AnalysisAnswer } from '../../src/modules/agents/analysisPool.ts';

// A stand-in analysis worker: echoes the text as the summary, fails on "bad", and dies on "crash".
parentPort!.on('message', (tasks: AnalysisTask[]) => {
  if (tasks.some((t) => t.input.text === 'crash')) process.exit(1);
  const answers: AnalysisAnswer[] = tasks.map(({ id, input }) =>
    input.text === 'bad'
      ? { id, error: 'cannot analyse this' }
      : { id, analysis: { tokens: [], sentiment: { label: 'neutral', score: 0 }, event: { type: 'other' }, value: { score: 0, high_value: false, reasons: [] }, summary: input.text } },
  );
  parentPort!.postMessage(answers);
});
