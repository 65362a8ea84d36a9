import { z } from 'zod';
import { defineTool, type ToolDomain } from '../../src/core/tool.ts';

/**
 * Tools that exist only in tests: one for admins only, one that echoes text
 * back (for prompt-injection tests), and one that runs until its signal
 * aborts, reporting the abort so a test can see a cancelled call stop.
 */
export function testDomain() {
  let aborted!: () => void;
  const cancelled = new Promise<void>((resolve) => (aborted = resolve));
  const domain: ToolDomain = {
    name: 'testkit',
    description: 'test tools',
    tools: [
      defineTool({
        name: 'testkit.admin_report',
        title: 'Admin report',
        description: 'For admins only.',
        input: z.object({}),
        output: z.object({ secret: z.string() }),
        annotations: { readOnlyHint: true },
        role: 'admin',
        handler: async () => ({ secret: 'admins only' }),
      }),
      defineTool({
        name: 'testkit.echo',
        title: 'Echo',
        description: 'Returns the text it was given.',
        input: z.object({ text: z.string().max(10_000) }),
        output: z.object({ text: z.string() }),
        annotations: { readOnlyHint: true },
        role: 'guest',
        handler: async ({ text }) => ({ text }),
      }),
      defineTool({
        name: 'testkit.wait',
        title: 'Wait',
        description: 'Waits until cancelled.',
        input: z.object({}),
        output: z.object({ done: z.boolean() }),
        annotations: { readOnlyHint: true },
        role: 'guest',
        timeoutMs: 60_000,
        handler: (_input, { signal }) => {
          return new Promise((_resolve, reject) => {
            const stop = () => {
              aborted();
              reject(signal.reason);
            };
            // The client may have gone between the call being announced and the handler starting.
            if (signal.aborted) stop();
            else signal.addEventListener('abort', stop);
          });
        },
      }),
    ],
  };
  return { domain, cancelled };
}
