import { Piscina } from 'piscina';
import { errorText, type Logger } from '../../core/logger.ts';
import type { Analyser, Analysis, AnalysisContext, AnalysisInput } from '../analysis/index.ts';

interface AnalysisPost {
  input: AnalysisInput;
  context?: AnalysisContext;
}
/** The posts asked for in one tick (for one worker), answered in the same order. */
export interface AnalysisTask {
  id: number;
  posts: AnalysisPost[];
}
export type AnalysisAnswer = { analysis: Analysis } | { error: string };
/** What a worker posts as it starts a task: the task's timeout runs from then on. */
export interface TaskStarted {
  started: number;
}

/** The pool could not answer (a worker died or hung, the queue is full, the pool closed): the post is fine, the batch should be retried. */
export class AnalysisUnavailableError extends Error {}

interface Waiting extends AnalysisPost {
  resolve(analysis: Analysis): void;
  reject(err: Error): void;
}

interface AnalysisPoolOptions {
  size: number;
  logger: Logger;
  workerUrl?: URL;
  /** Tasks waiting for a worker; one more fails at once, so the pipeline backs off and delivers the batch again. */
  maxQueue?: number;
  /** From the moment a worker starts a task (waiting in the queue or for a new worker does not count): a task this late means a stuck worker, which is replaced. */
  taskTimeoutMs?: number;
}

/**
 * The embedded analyser on worker threads (piscina). Analysis is pure CPU
 * work, so on a multi-core machine it runs beside the main thread (which
 * parses, stores and publishes) instead of queueing behind it. Posts asked
 * for in the same tick travel as one task per worker, not one message each.
 * Whatever keeps the pool from answering fails the task's posts with
 * AnalysisUnavailableError; piscina replaces a worker that died or was
 * aborted for running past the timeout.
 */
export function createAnalysisPool(options: AnalysisPoolOptions): Analyser & { close(): Promise<void> } {
  const { size, logger, maxQueue = 16 * options.size, taskTimeoutMs = 30_000 } = options;
  const pool = new Piscina<AnalysisTask, AnalysisAnswer[]>({
    filename: (options.workerUrl ?? new URL('./analysisWorker.ts', import.meta.url)).href,
    minThreads: size,
    maxThreads: size,
  });
  // A worker failing outside any task has nobody to reject; without a listener the error would end the process.
  pool.on('error', (err: Error) => logger.error({ err: errorText(err) }, 'analysis worker failed'));
  /** Starts the timeout of each submitted task, by id. */
  const startClock = new Map<number, () => void>();
  pool.on('message', ({ started }: TaskStarted) => startClock.get(started)?.());
  let tick: Waiting[] = [];
  let nextId = 0;
  let closing = false;

  async function run(part: Waiting[]) {
    // Checked here, not with piscina's own maxQueue: that one does not count tasks carrying an abort signal (they wait in its skip queue), and every task here has one.
    if (pool.queueSize >= maxQueue) {
      logger.warn({ posts: part.length, maxQueue }, 'the analysis queue is full; the batch will be retried');
      for (const post of part) post.reject(new AnalysisUnavailableError('the analysis queue is full'));
      return;
    }
    const id = nextId++;
    const timeout = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    startClock.set(id, () => {
      timer = setTimeout(() => timeout.abort(new Error(`no answer within ${taskTimeoutMs} ms`)), taskTimeoutMs);
    });
    let answers: AnalysisAnswer[];
    try {
      answers = await pool.run(
        { id, posts: part.map(({ input, context }) => ({ input, context })) },
        { signal: timeout.signal },
      );
    } catch (err) {
      if (!closing)
        logger.warn(
          { err: errorText(err), posts: part.length },
          'the analysis pool did not answer; the batch will be retried',
        );
      for (const post of part)
        post.reject(new AnalysisUnavailableError(`analysis unavailable: ${(err as Error).message}`));
      return;
    } finally {
      startClock.delete(id);
      clearTimeout(timer);
    }
    answers.forEach((answer, i) => {
      if ('error' in answer) part[i]!.reject(new Error(answer.error));
      else part[i]!.resolve(answer.analysis);
    });
  }

  function flush() {
    const posts = tick;
    tick = [];
    const share = Math.ceil(posts.length / size);
    for (let i = 0; i < posts.length; i += share) void run(posts.slice(i, i + share));
  }

  return {
    kind: 'embedded',
    analyse(input, context) {
      if (closing) return Promise.reject(new AnalysisUnavailableError('the analysis pool is closed'));
      return new Promise<Analysis>((resolve, reject) => {
        if (!tick.length) setImmediate(flush);
        tick.push({ input, context, resolve, reject });
      });
    },
    async close() {
      closing = true;
      for (const post of tick) post.reject(new AnalysisUnavailableError('the analysis pool is closed'));
      tick = [];
      await pool.destroy();
    },
  };
}
