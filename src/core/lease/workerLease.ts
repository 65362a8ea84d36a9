import type { Worker } from '../module.ts';
import type { Leases } from './leases.ts';

/**
 * Runs a module's worker on one node at a time, whichever component starts it (the agents component runs every
 * module's; the arbitrage component its engine too): started on taking the lease `worker:<name>`, stopped on
 * losing it. Resolves at once with the function that stops it on this node.
 */
export function runWorkerSingleton(leases: Leases, worker: Worker): () => Promise<void> {
  return leases.singleton(`worker:${worker.name}`, (lease) => worker.start(lease));
}
