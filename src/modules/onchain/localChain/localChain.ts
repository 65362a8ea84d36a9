import { join } from 'node:path';
import { createPublicClient, http, type PublicClient } from 'viem';
import type { Logger } from '../../../core/logger.ts';
import { chainErrorNote } from '../chains/chainError.ts';
import { LOCAL_CHAIN_ID, startAnvil, type RunningAnvil } from './anvil.ts';
import { compileContracts, type Artifacts } from './compile.ts';
import type { DemoEconomy } from './demoEconomy.ts';

interface LocalChainInfo {
  id: number;
  name: string;
  url: string;
  economy: DemoEconomy;
}

/** The embedded chain: anvil from npm, seeded with the demo economy, for when no chain is configured. */
export interface LocalChain {
  /** Starts and seeds it on first call; every caller shares that start. Rejects (naming anvil or solc) when it cannot. */
  ready(): Promise<LocalChainInfo>;
  stop(): Promise<void>;
}

export const LOCAL_CHAIN_NAME = 'local';

/**
 * The project's compiled contracts (cached under DATA_DIR/onchain): shared by the local chain and the checks'
 * probe. `signal` ends a compile still running when the platform closes.
 */
export function contractsIn(dataDir: string, signal?: AbortSignal): () => Promise<Artifacts> {
  let compiled: Promise<Artifacts> | undefined;
  return () => {
    compiled ??= compileContracts(join(dataDir, 'onchain'), signal).catch((err: Error) => {
      compiled = undefined;
      throw err;
    });
    return compiled;
  };
}

export function createLocalChain({
  contracts,
  logger,
}: {
  contracts: () => Promise<Artifacts>;
  logger: Logger;
}): LocalChain {
  let starting: Promise<LocalChainInfo> | undefined;
  let booting: Promise<RunningAnvil> | undefined;
  let stopped = false;

  async function start(): Promise<LocalChainInfo> {
    const began = Date.now();
    // anvil boots while solc compiles (in a low-priority child process); whichever fails, nothing is left running.
    booting = startAnvil();
    const [booted, compiled] = await Promise.allSettled([booting, contracts()]);
    if (booted.status === 'rejected') throw booted.reason;
    const anvil = booted.value;
    try {
      if (compiled.status === 'rejected') throw compiled.reason;
      if (stopped) throw new Error('the platform is shutting down');
      const client = createPublicClient({ transport: http(anvil.url, { timeout: 10_000 }) }) as PublicClient;
      // Loaded only when a local chain starts (not in processes that never need one).
      const [{ deployDemoEconomy }, { uniswapArtifacts }] = await Promise.all([
        import('./demoEconomy.ts'),
        import('./uniswapArtifacts.ts'),
      ]);
      const economy = await deployDemoEconomy(client, compiled.value, uniswapArtifacts());
      logger.info(
        { url: anvil.url, ms: Date.now() - began, tokens: economy.tokens },
        'local chain (anvil) ready with the demo economy',
      );
      return { id: LOCAL_CHAIN_ID, name: LOCAL_CHAIN_NAME, url: anvil.url, economy };
    } catch (err) {
      await anvil.stop();
      throw err;
    }
  }

  return {
    ready() {
      starting ??= start().catch((err: Error) => {
        if (!stopped)
          logger.error(
            { err: chainErrorNote(err) },
            'the local chain could not start; on-chain tools answer chain_unavailable',
          );
        throw err;
      });
      return starting;
    },
    async stop() {
      // Stops anvil at once, even mid-seeding (the seeding then fails quietly): a shutdown waits only for the
      // process to boot, never for the compiler or the deployment.
      stopped = true;
      const anvil = await booting?.catch(() => undefined);
      await anvil?.stop();
    },
  };
}
