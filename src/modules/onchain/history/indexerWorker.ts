import { systemClock } from '../../../core/clock.ts';
import type { Lease, Leases } from '../../../core/lease/leases.ts';
import type { Logger } from '../../../core/logger.ts';
import { chainErrorNote } from '../chains/chainError.ts';
import { untilAborted } from '../../../core/deadline.ts';
import { runPollLoop } from '../../../core/pollLoop.ts';
import type { ChainRegistry } from '../chains/chainRegistry.ts';
import { LOCAL_CHAIN_ID } from '../localChain/anvil.ts';
import { LOCAL_CHAIN_NAME } from '../localChain/localChain.ts';

/**
 * The chain indexer as a module worker: each chain (the configured ones, else the embedded chain when it
 * starts with the platform) caught up to its head every `intervalMs`, by one node at a time: the node holding
 * the chain's lease (`onchain-indexer:<chain id>`), whose every batch is written fenced by it. A failing chain
 * backs off alone.
 */
export function createIndexerWorker(options: {
  chains: ChainRegistry;
  leases: Leases;
  /** Whether the embedded chain runs (no chain configured and demo data on): without it nothing is indexed ahead of a question. */
  localRuns: boolean;
  intervalMs: number;
  logger: Logger;
}) {
  const { chains, leases, intervalMs, logger } = options;
  return {
    name: 'chain indexer',
    async start() {
      const stopping = new AbortController();
      const configured = chains.configured().map(({ id, name }) => ({ id, name }));
      const followed = configured.length
        ? configured
        : options.localRuns
          ? [{ id: LOCAL_CHAIN_ID, name: LOCAL_CHAIN_NAME }]
          : [];
      const follow = (name: string, lease: Lease) =>
        runPollLoop(
          async (signal) => {
            // A node stopping does not wait for the embedded chain to boot.
            const chain = await untilAborted(chains.resolve(name), signal);
            const status = await chain.index.catchUp({ signal, fence: lease.fenced });
            logger.debug({ chain: name, ...status }, 'chain indexed');
          },
          {
            intervalMs,
            clock: systemClock,
            signal: AbortSignal.any([lease.signal, stopping.signal]),
            onFailure: (err, failures, retryInMs) =>
              logger.warn(
                { chain: name, err: chainErrorNote(err), failures, retry_in_ms: retryInMs },
                'chain indexing failed; retrying',
              ),
          },
        );
      const loops = followed.map(({ id, name }) =>
        leases.hold(`onchain-indexer:${id}`, (lease) => follow(name, lease), stopping.signal),
      );
      return async () => {
        stopping.abort();
        await Promise.all(loops);
      };
    },
  };
}
