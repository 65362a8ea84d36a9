import { parentPort } from 'node:worker_threads';
import type { AnalysisAnswer, AnalysisTask, TaskStarted } from '../../src/modules/agents/analysisPool.ts';

// A stand-in analysis worker: echoes the text as the summary, fails on "bad", dies on "crash" and never answers "hang".
export default function analyseTask({ id, posts }: AnalysisTask): AnalysisAnswer[] {
  parentPort!.postMessage({ started: id } satisfies TaskStarted);
  if (posts.some((post) => post.input.text === 'crash')) process.exit(1);
  // Busy, not waiting: a worker stuck in a loop is the case a task timeout exists for.
  if (posts.some((post) => post.input.text === 'hang')) for (;;);
  return posts.map(({ input }) =>
    input.text === 'bad'
      ? { error: 'cannot analyse this' }
      : {
          analysis: {
            tokens: [],
            mentions: [],
            sentiment: { label: 'neutral', score: 0 },
            event: { type: 'other' },
            value: { score: 0, high_value: false, reasons: [] },
            summary: input.text,
            analysis: input.text,
          },
        },
  );
}
