import { systemClock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/logger.ts';
import { runPollLoop } from '../../../core/pollLoop.ts';
import type { ChainRegistry } from '../chains/chainRegistry.ts';
import { LOCAL_CHAIN_NAME } from '../localChain/localChain.ts';

/**
 * The chain indexer as a module worker: each chain (the configured ones, else the embedded chain when it
 * starts with the platform) caught up to its head every `intervalMs`. A failing chain backs off alone.
 */
export function createIndexerWorker(options: {
  chains: ChainRegistry;
  /** Whether the embedded chain runs (no chain configured and demo data on): without it nothing is indexed ahead of a question. */
  localRuns: boolean;
  intervalMs: number;
  logger: Logger;
}) {
  const { chains, intervalMs, logger } = options;
  return {
    name: 'chain indexer',
    async start() {
      const stopping = new AbortController();
      const configured = chains.configured().map((c) => c.name);
      const names = configured.length ? configured : options.localRuns ? [LOCAL_CHAIN_NAME] : [];
      const loops = names.map((name) =>
        runPollLoop(
          async (signal) => {
            const chain = await chains.resolve(name);
            const status = await chain.index.catchUp(signal);
            logger.debug({ chain: name, ...status }, 'chain indexed');
          },
          {
            intervalMs,
            clock: systemClock,
            signal: stopping.signal,
            onFailure: (err, failures, retryInMs) =>
              logger.warn(
                { chain: name, err: (err as Error).message, failures, retry_in_ms: retryInMs },
                'chain indexing failed; retrying',
              ),
          },
        ),
      );
      return async () => {
        stopping.abort();
        await Promise.all(loops);
      };
    },
  };
}
