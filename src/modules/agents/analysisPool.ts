import { Worker } from 'node:worker_threads';
import type { Logger } from '../../core/logger.ts';
import type { Analyser, Analysis, AnalysisContext, AnalysisInput } from '../analysis/index.ts';

export interface AnalysisTask {
  id: number;
  input: AnalysisInput;
  context?: AnalysisContext;
}
export type AnalysisAnswer = { id: number; analysis: Analysis } | { id: number; error: string };

/** The pool could not answer (a worker died): the post is fine, the batch should be retried. */
export class AnalysisUnavailableError extends Error {}

interface Pending {
  resolve(analysis: Analysis): void;
  reject(err: Error): void;
}

/**
 * The embedded analyser on worker threads. Analysis is pure CPU work, so on
 * a multi-core machine it runs beside the main thread (which parses, stores
 * and publishes) instead of queueing behind it. Posts asked for in the same
 * tick travel to the workers as one message each. A worker that dies fails
 * its unanswered posts with AnalysisUnavailableError and is replaced.
 */
export function createAnalysisPool(options: { size: number; logger: Logger; workerUrl?: URL }): Analyser & { close(): Promise<void> } {
  const workerUrl = options.workerUrl ?? new URL('./analysisWorker.ts', import.meta.url);
  const pending = new Map<number, Pending>();
  let queue: AnalysisTask[] = [];
  let nextId = 0;
  let turn = 0;
  let closing = false;

  function spawn(): { worker: Worker; inFlight: Set<number> } {
    const slot = { worker: new Worker(workerUrl), inFlight: new Set<number>() };
    slot.worker.on('message', (answers: AnalysisAnswer[]) => {
      for (const answer of answers) {
        const task = pending.get(answer.id);
        pending.delete(answer.id);
        slot.inFlight.delete(answer.id);
        if ('error' in answer) task?.reject(new Error(answer.error));
        else task?.resolve(answer.analysis);
      }
    });
    slot.worker.on('error', (err) => options.logger.error({ err: err.message }, 'analysis worker failed'));
    slot.worker.on('exit', () => {
      for (const id of slot.inFlight) {
        pending.get(id)?.reject(new AnalysisUnavailableError('the analysis worker stopped before answering'));
        pending.delete(id);
      }
      if (closing) return;
      options.logger.warn('analysis worker exited; starting another');
      slots[slots.indexOf(slot)] = spawn();
    });
    return slot;
  }
  const slots = Array.from({ length: options.size }, spawn);

  function flush() {
    const tasks = queue;
    queue = [];
    const share = Math.ceil(tasks.length / slots.length);
    for (let i = 0; i < tasks.length; i += share) {
      const slot = slots[turn++ % slots.length]!;
      const part = tasks.slice(i, i + share);
      for (const task of part) slot.inFlight.add(task.id);
      slot.worker.postMessage(part);
    }
  }

  return {
    kind: 'embedded',
    analyse(input, context) {
      if (closing) return Promise.reject(new AnalysisUnavailableError('the analysis pool is closed'));
      return new Promise<Analysis>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        if (!queue.length) setImmediate(flush);
        queue.push({ id, input, context });
      });
    },
    async close() {
      closing = true;
      for (const { id } of queue) pending.get(id)?.reject(new AnalysisUnavailableError('the analysis pool is closed'));
      queue = [];
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
