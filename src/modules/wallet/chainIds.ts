import { LOCAL_CHAIN_ID, LOCAL_CHAIN_NAME, type ChainRegistry } from '../onchain/index.ts';
import type { ChainIdOf } from './flagFile.ts';

/** The largest id the table's integer column holds. */
const MAX_CHAIN_ID = 2 ** 31 - 1;

/**
 * How flag lists name chains: any chain id (a list may flag addresses on a chain this node does not read),
 * or the name of a configured chain (`local` when the embedded chain serves). Reads the configuration only:
 * no chain is started or called.
 */
export function chainIdsOf(chains: ChainRegistry): ChainIdOf {
  return (chain) => {
    if (typeof chain === 'number') return chain <= MAX_CHAIN_ID ? chain : null;
    const text = chain.trim().toLowerCase();
    if (/^\d{1,10}$/.test(text)) return Number(text) > 0 && Number(text) <= MAX_CHAIN_ID ? Number(text) : null;
    const configured = chains.configured();
    if (configured.length === 0) return text === LOCAL_CHAIN_NAME ? LOCAL_CHAIN_ID : null;
    return configured.find((c) => c.name === text)?.id ?? null;
  };
}
