import { isAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { bundledChains, bundledLockers } from './bundledChains.ts';
import { ChainsConfigError, configuredChains, parseChainsFile, parseRpcUrls } from './chainSpec.ts';

const entry = {
  id: 31337,
  name: 'local',
  rpc_url: 'http://127.0.0.1:8545',
  wrapped_native: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  dexes: [
    {
      name: 'uniswap-v2',
      kind: 'uniswap-v2',
      factory: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
      router: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0',
    },
  ],
  explorer_api_url: null,
  explorer_api_key: null,
  start_block: 0,
};

const problem = (text: string) => {
  try {
    parseChainsFile(text, 'chains.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ChainsConfigError);
    return (err as Error).message;
  }
  throw new Error('parsed');
};

describe('CHAINS_FILE', () => {
  it('reads the shape of the issue, checksumming addresses', () => {
    const [chain] = parseChainsFile(JSON.stringify({ chains: [entry] }), 'chains.json');
    expect(chain).toMatchObject({
      id: 31337,
      name: 'local',
      wrapped_native: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    });
  });

  it.each([
    [
      { chains: [{ ...entry, wrapped_native: '0x12' }] },
      'chains.0.wrapped_native: must be a 0x-prefixed 20-byte hex address',
    ],
    [
      { chains: [{ ...entry, dexes: [{ ...entry.dexes[0], kind: 'uniswap-v3' }] }] },
      'chains.0.dexes.0.kind: must be uniswap-v2',
    ],
    [{ chains: [{ ...entry, rpc_url: 'ftp://x' }] }, 'chains.0.rpc_url: must be an http(s) URL'],
    [{ chains: [entry, { ...entry, name: 'other' }] }, 'chains.1.id: chain id 31337 is listed twice'],
    [{ chains: [{ ...entry, id: '1' }] }, 'chains.0.id: must be a number'],
    [{ chains: [{ ...entry, colour: 'red' }] }, 'chains.0'],
    [{ chains: [] }, 'chains: must list at least one chain'],
  ])('names the field at fault in %j', (file, message) => {
    expect(problem(JSON.stringify(file))).toContain(message);
  });

  it('says when the file is not JSON', () => {
    expect(problem('{')).toContain('CHAINS_FILE chains.json: not JSON');
  });
});

describe('CHAIN_RPC_URLS and the bundled chains', () => {
  it('writes every bundled address with its EIP-55 checksum', () => {
    // A case slip in a hand-copied address is how a wrong digit would look too: the tools refuse such input.
    const addresses = JSON.stringify(bundledChains).match(/0x[0-9a-fA-F]{40}/g) ?? [];
    expect(addresses.length).toBeGreaterThan(10);
    expect(addresses.filter((address) => !isAddress(address, { strict: true }))).toEqual([]);
  });

  it('uses a bundled chain only once it has a URL', () => {
    expect(configuredChains(bundledChains, parseRpcUrls(undefined), false)).toEqual([]);
    const chains = configuredChains(
      bundledChains,
      parseRpcUrls('1=https://eth.example, 8453=https://base.example'),
      false,
    );
    expect(chains.map((c) => [c.name, c.rpc_url])).toEqual([
      ['ethereum', 'https://eth.example'],
      ['base', 'https://base.example'],
    ]);
    expect(chains[0]!.dexes[0]).toMatchObject({
      name: 'uniswap-v2',
      factory: '0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f',
    });
  });

  it('refuses a URL for a chain no list names, and a file chain without a URL', () => {
    expect(() => configuredChains(bundledChains, parseRpcUrls('10=https://op.example'), false)).toThrow(
      'CHAIN_RPC_URLS: chain 10 is not bundled',
    );
    const [chain] = parseChainsFile(JSON.stringify({ chains: [{ ...entry, rpc_url: null }] }), 'chains.json');
    expect(() => configuredChains([chain!], new Map(), true)).toThrow('chains.0.rpc_url: required');
    expect(configuredChains([chain!], parseRpcUrls('31337=http://127.0.0.1:9545'), true)[0]!.rpc_url).toBe(
      'http://127.0.0.1:9545',
    );
  });

  it('gives a chain the lockers bundled for its id unless its entry lists its own', () => {
    const [ethereum] = configuredChains(bundledChains, parseRpcUrls('1=https://eth.example'), false, bundledLockers);
    expect(ethereum!.lockers).toEqual([
      { name: 'uncx-v2', address: '0x59d7D55DdC58494FbBbca29904f108ece82Ac7FB' },
      { name: 'team-finance', address: '0xE2fE530C047f2d85298b07D9333C05737f1435fB' },
      { name: 'pinklock-v2', address: '0x71B5759d73262FBb223956913ecF4ecC51057641' },
    ]);
    // Every bundled chain knows Team Finance's locker; BNB Chain PinkLock's too.
    for (const chain of bundledChains) expect(chain.lockers?.map((l) => l.name)).toContain('team-finance');
    expect(bundledLockers(56).map((l) => l.name)).toEqual(['team-finance', 'pinklock-v2']);
    const own = { name: 'team-finance', address: '0x000000000000000000000000000000000000bEEF' };
    const [listed] = parseChainsFile(
      JSON.stringify({ chains: [{ ...entry, id: 1, name: 'mainnet', lockers: [own] }] }),
      'chains.json',
    );
    expect(configuredChains([listed!], new Map(), true, bundledLockers)[0]!.lockers).toEqual([
      { name: 'team-finance', address: '0x000000000000000000000000000000000000bEEF' },
    ]);
    const [plain] = parseChainsFile(JSON.stringify({ chains: [{ ...entry, id: 1, name: 'mainnet' }] }), 'chains.json');
    expect(configuredChains([plain!], new Map(), true, bundledLockers)[0]!.lockers).toHaveLength(3);
  });
});
