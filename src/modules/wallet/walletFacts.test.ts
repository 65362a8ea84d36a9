import { HttpRequestError, RpcRequestError, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import type { ChainRegistry, OnchainChain } from '../onchain/index.ts';
import { analysisOf } from './analysis.ts';
import { dossierOf } from './dossier.ts';
import type { FlagRepository } from './flagRepository.ts';
import { gatherWalletFacts } from './walletFacts.ts';

const WALLET: Address = '0x8589427373D6D84E98730D7795D8f6f8731FDA16';
const DEPLOYED: Address = '0x722122dF12D4e14e13Ac3b6895a86e84145b6967';
const RPC_URL = 'https://eth-mainnet.example.com/v2/SECRET-API-KEY';
/** What viem puts in its message: the URL and the whole request, here a contract's bytecode. */
const body = { jsonrpc: '2.0', method: 'eth_call', params: [{ data: `0x${'60'.repeat(60_000)}` }] };

/** The index as far as the head (block 100), or `behind` blocks short of it. */
const indexAt = (behind = 0) => ({ fresh: async () => ({ indexed_to: 100 - behind, head: 100, behind }) });

/** A chain that answers, with no history but the one contract the wallet deployed. */
function registry(): ChainRegistry {
  const chain = {
    spec: { id: 1, name: 'ethereum' },
    client: { getBlockNumber: async () => 100n, getCode: async () => '0x', getBalance: async () => 0n },
    history: {
      nativeTransfers: async () => null,
      tokenTransfers: async () => null,
      contractsCreatedBy: async () => [DEPLOYED],
      liquidityEvents: async () => null,
      activity: async () => null,
    },
    index: indexAt(),
  } as unknown as OnchainChain;
  return { resolve: async () => chain } as unknown as ChainRegistry;
}
const flags = { find: async () => new Map() } as unknown as FlagRepository;

describe("wallet.analyze's deployed contract whose check failed", () => {
  for (const [kind, err] of [
    ['an HTTP failure', new HttpRequestError({ url: RPC_URL, body, status: 413, details: 'Payload Too Large' })],
    [
      'a JSON-RPC refusal',
      new RpcRequestError({
        url: RPC_URL,
        body,
        error: { code: -32600, message: 'JSON is not a valid request object' },
      }),
    ],
  ] as const)
    it(`says why in a short note, without the RPC URL or the request (${kind})`, async () => {
      const checkToken = async () => {
        throw err;
      };
      const facts = await gatherWalletFacts({ chains: registry(), flags, checkToken }, 'ethereum', WALLET);
      const json = JSON.stringify(analysisOf(facts), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      expect(json).not.toContain('SECRET-API-KEY');
      expect(json).not.toContain('eth-mainnet.example.com');
      expect(json).not.toContain('606060');
      expect(json.length).toBeLessThan(5_000);
      const note = facts.contracts?.[0]?.note ?? '';
      expect(note).toMatch(/^the check failed: /);
      expect(note.length).toBeLessThanOrEqual(250);
    });
});

describe('a wallet read while the index trails the head by a few blocks', () => {
  /** A fresh wallet whose funding came in the newest blocks: the balance shows it, the history does not yet. */
  function trailing(behind: number): ChainRegistry {
    const chain = {
      spec: { id: 1, name: 'ethereum', wrapped_native: DEPLOYED },
      client: { getBlockNumber: async () => 100n, getCode: async () => '0x', getBalance: async () => 5n * 10n ** 18n },
      history: {
        nativeTransfers: async () => [],
        tokenTransfers: async () => [],
        contractsCreatedBy: async () => [],
        liquidityEvents: async () => [],
        activity: async () => ({ first_block: null, last_block: null, first_seen: null, last_seen: null, tx_count: 0 }),
      },
      readMany: async () => [],
      index: indexAt(behind),
    } as unknown as OnchainChain;
    return { resolve: async () => chain } as unknown as ChainRegistry;
  }
  const checkToken = async () => {
    throw new Error('no contract to check');
  };

  it('says how far the history reaches, in the analysis and the dossier', async () => {
    const facts = await gatherWalletFacts({ chains: trailing(2), flags, checkToken }, 'ethereum', WALLET);
    const note = 'the history is indexed up to block 98, 2 block(s) behind the head';
    expect(analysisOf(facts).notes.join('\n')).toContain(note);
    expect(dossierOf(facts).notes.join('\n')).toContain(note);
  });

  it('says nothing of it when the index is at the head', async () => {
    const facts = await gatherWalletFacts({ chains: trailing(0), flags, checkToken }, 'ethereum', WALLET);
    expect(facts.notes).toEqual([]);
  });
});

describe('wallet.analyze of a contract', () => {
  const CREATOR: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
  function token(code: `0x${string}`): ChainRegistry {
    const chain = {
      spec: { id: 1, name: 'ethereum', wrapped_native: DEPLOYED },
      client: { getBlockNumber: async () => 100n, getCode: async () => code, getBalance: async () => 0n },
      history: {
        creatorOf: async () => CREATOR,
        nativeTransfers: async () => [],
        tokenTransfers: async () => [],
        contractsCreatedBy: async () => [],
        liquidityEvents: async () => [],
        activity: async () => null,
      },
      readMany: async () => [],
      index: indexAt(),
    } as unknown as OnchainChain;
    return { resolve: async () => chain } as unknown as ChainRegistry;
  }
  const checkToken = async () => {
    throw new Error('no contract to check');
  };

  it('names who deployed it ("who deployed 0x…?")', async () => {
    const facts = await gatherWalletFacts({ chains: token('0x6080'), flags, checkToken }, 'ethereum', DEPLOYED);
    expect(analysisOf(facts)).toMatchObject({ is_contract: true, created_by: CREATOR });
  });

  it('names no creator for a wallet', async () => {
    const facts = await gatherWalletFacts({ chains: token('0x'), flags, checkToken }, 'ethereum', WALLET);
    expect(analysisOf(facts)).toMatchObject({ is_contract: false, created_by: null });
  });
});
