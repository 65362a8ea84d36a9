import { readFileSync } from 'node:fs';
import { getAddress } from 'viem';
import type { Config } from '../../../core/config.ts';
import { InvalidArgumentError, UpstreamError } from '../../../core/domainErrors.ts';
import type { Logger } from '../../../core/logger.ts';
import { LOCAL_CHAIN_ID } from '../localChain/anvil.ts';
import { LOCAL_CHAIN_NAME, type LocalChain } from '../localChain/localChain.ts';
import type { ChainHistory } from '../history/chainHistory.ts';
import type { ChainIndexView, HistoryOf } from '../history/chainIndex.ts';
import { bundledChains, bundledLockers } from './bundledChains.ts';
import { createChainClient, type ChainClient } from './chainClient.ts';
import {
  ChainsConfigError,
  configuredChains,
  parseChainsFile,
  parseRpcUrls,
  type ConfiguredChain,
} from './chainSpec.ts';

export interface OnchainChain extends ChainClient {
  history: ChainHistory;
  /** The chain's index: how far it is, and catching it up. */
  index: ChainIndexView;
}

export interface ChainRegistry {
  /** The chains CHAINS_FILE and CHAIN_RPC_URLS configure (empty: the embedded local chain serves). Throws ChainsConfigError. */
  configured(): readonly ConfiguredChain[];
  /** A chain a tool names by id or name; an InvalidArgumentError naming `chain` when there is no such chain. */
  resolve(chain: string | number): Promise<OnchainChain>;
}

export function createChainRegistry(
  config: Config,
  localChain: LocalChain,
  logger: Logger,
  historyOf: HistoryOf,
): ChainRegistry {
  let chains: ConfiguredChain[] | undefined;
  const clients = new Map<number, OnchainChain>();
  const access = { timeoutMs: config.CHAIN_RPC_TIMEOUT_MS, ratePerSecond: config.CHAIN_RPC_RATE_PER_SECOND };

  function configured(): ConfiguredChain[] {
    if (!chains) {
      const path = config.CHAINS_FILE;
      let listed = bundledChains;
      if (path) {
        let text: string;
        try {
          text = readFileSync(path, 'utf8');
        } catch (err) {
          throw new ChainsConfigError(
            `CHAINS_FILE ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
          );
        }
        listed = parseChainsFile(text, path);
      }
      chains = configuredChains(listed, parseRpcUrls(config.CHAIN_RPC_URLS), !!path, bundledLockers);
    }
    return chains;
  }

  function unknown(asked: string | number, names: string[]): never {
    throw new InvalidArgumentError(`no chain ${asked}: the chains here are ${names.join(', ')}`, { field: 'chain' });
  }

  async function local(asked: string | number): Promise<OnchainChain> {
    if (
      asked !== LOCAL_CHAIN_ID &&
      String(asked).toLowerCase() !== LOCAL_CHAIN_NAME &&
      String(asked) !== String(LOCAL_CHAIN_ID)
    )
      unknown(asked, [
        `${LOCAL_CHAIN_NAME} (${LOCAL_CHAIN_ID}, the embedded chain: configure CHAINS_FILE or CHAIN_RPC_URLS for others)`,
      ]);
    const cached = clients.get(LOCAL_CHAIN_ID);
    if (cached) return cached;
    let info: Awaited<ReturnType<LocalChain['ready']>>;
    try {
      info = await localChain.ready();
    } catch {
      throw new UpstreamError(
        'chain_unavailable',
        'no chain: none is configured (CHAINS_FILE, CHAIN_RPC_URLS) and the embedded local chain (anvil) could not start; the server log says why',
      );
    }
    const { economy } = info;
    const spec: ConfiguredChain = {
      id: info.id,
      name: info.name,
      rpc_url: info.url,
      wrapped_native: economy.wrapped,
      native_symbol: 'ETH',
      dexes: [{ name: 'uniswap-v2', kind: 'uniswap-v2', factory: economy.factory, router: economy.router }],
      explorer_api_url: null,
      explorer_api_key: null,
      start_block: 0,
      lockers: [{ name: 'demo-locker', address: economy.locker }],
    };
    const chain = createChainClient(spec, { timeoutMs: access.timeoutMs, ratePerSecond: null });
    const indexed = historyOf(chain, true);
    const history: ChainHistory = {
      ...indexed.history,
      async creatorOf(contract) {
        const indexedCreator = await indexed.history.creatorOf(contract);
        if (indexedCreator) return indexedCreator;
        // A contract another contract created has no deployment transaction: anvil answers Otterscan's API.
        const request = chain.client.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
        const found = (await request({ method: 'ots_getContractCreator', params: [contract] }).catch(() => null)) as {
          creator?: string;
        } | null;
        return found?.creator ? getAddress(found.creator) : null;
      },
    };
    const resolved = { ...chain, history, index: indexed.index };
    clients.set(LOCAL_CHAIN_ID, resolved);
    return resolved;
  }

  return {
    configured,
    async resolve(asked) {
      const list = configured();
      if (list.length === 0) return local(asked);
      const key = String(asked).trim().toLowerCase();
      const spec = list.find((c) => String(c.id) === key || c.name === key);
      if (!spec)
        unknown(
          asked,
          list.map((c) => `${c.name} (${c.id})`),
        );
      let chain = clients.get(spec.id);
      if (!chain) {
        const client = createChainClient(spec, access);
        chain = { ...client, ...historyOf(client, false) };
        clients.set(spec.id, chain);
        logger.debug({ chain: spec.name }, 'chain client created');
      }
      return chain;
    },
  };
}
