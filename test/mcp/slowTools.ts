import { z } from 'zod';
import { defineTool, type ToolDomain } from '../../src/core/tool.ts';

let cancelled: () => void = () => {};
/** Resolves when the running `slow.until_cancelled` call is aborted. */
export const whenCancelled = () => new Promise<void>((resolve) => (cancelled = resolve));
let started: () => void = () => {};
/** Resolves when the next `slow.until_cancelled` call starts. */
export const whenStarted = () => new Promise<void>((resolve) => (started = resolve));

/** A tool that reports three steps, and one that runs until its call is cancelled. */
export const longTools: ToolDomain = {
  name: 'slow',
  description: 'long calls, for progress and cancellation',
  tools: [
    defineTool({
      name: 'slow.steps',
      title: 'Three steps',
      description: 'reports each step',
      input: z.object({}),
      output: z.object({ steps: z.number() }),
      annotations: { readOnlyHint: true },
      role: 'guest',
      handler: async (_input, { progress }) => {
        for (let step = 1; step <= 3; step++) progress?.(step, 3, `step ${step}`);
        return { steps: 3 };
      },
    }),
    defineTool({
      name: 'slow.until_cancelled',
      title: 'Until cancelled',
      description: 'waits for its signal',
      input: z.object({}),
      output: z.object({ done: z.boolean() }),
      annotations: { readOnlyHint: true },
      role: 'guest',
      timeoutMs: 600_000,
      handler: (_input, { signal }) =>
        new Promise((_resolve, reject) => {
          started();
          const stop = () => {
            cancelled();
            reject(signal.reason);
          };
          // A call cancelled in the batch that carried it starts with its signal aborted already.
          if (signal.aborted) stop();
          else signal.addEventListener('abort', stop);
        }),
    }),
  ],
};
