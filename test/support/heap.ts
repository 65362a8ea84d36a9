import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The test runner starts workers without --expose-gc; the flag still takes effect for a new context.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes in use on this process's V8 heap once everything unreachable has been collected. */
export async function heapAfterGc(): Promise<number> {
  // Two rounds with a turn of the event loop between: finalisers and weak callbacks free more on the second.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage().heapUsed;
}
