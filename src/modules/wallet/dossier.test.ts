import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import type { OnchainChain } from '../onchain/index.ts';
import { dossierOf } from './dossier.ts';
import type { FlagRow } from './table.ts';
import type { WalletFacts } from './walletFacts.ts';

const WALLET: Address = '0x8589427373D6D84E98730D7795D8f6f8731FDA16';
const MIXER: Address = '0x722122dF12D4e14e13Ac3b6895a86e84145b6967';
const mixerFlag: FlagRow = {
  chainId: 1,
  address: MIXER.toLowerCase(),
  category: 'mixer',
  reason: 'Tornado Cash',
  source: 'ofac',
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

/** What the wallet read finds when the chain answers but its history is not indexed. */
const unindexed = (): WalletFacts => ({
  chain: { spec: { id: 1, name: 'ethereum' } } as OnchainChain,
  address: WALLET,
  block: 100n,
  isContract: false,
  creator: null,
  nativeBalance: 0n,
  tokenBalances: null,
  native: null,
  tokens: null,
  activity: null,
  counterparties: null,
  funding: null,
  contracts: null,
  pools: null,
  flag: null,
  flags: new Map(),
  notes: ["native transfers: the chain's history is not at hand (not indexed yet)"],
});

describe('the scam dossier', () => {
  it('is unknown, not low, when nothing was found because the history is not at hand', () => {
    expect(dossierOf(unindexed())).toMatchObject({
      risk_level: 'unknown',
      score: 0,
      evidence: [],
      summary: expect.stringMatching(
        /unknown risk\. No evidence found, but the chain's history .* not a clean bill\.$/,
      ),
      notes: [expect.stringMatching(/not indexed yet/)],
    });
  });

  it('gives a contract with nothing in its transactions no clean bill, and names the check that rates it', () => {
    const contract = { ...unindexed(), isContract: true, native: [], tokens: [], contracts: [], pools: [], notes: [] };
    expect(dossierOf(contract as unknown as WalletFacts)).toMatchObject({
      is_contract: true,
      risk_level: 'unknown',
      evidence: [],
      summary: expect.stringMatching(/: a contract, not a wallet\. .*naughty_coin\.check_token rates it\.$/),
    });
  });

  it('still rates what it found: a flagged address is critical without any history', () => {
    const facts = { ...unindexed(), flag: mixerFlag, address: MIXER };
    expect(dossierOf(facts)).toMatchObject({
      risk_level: 'critical',
      score: 60,
      evidence: [
        { id: 'flagged_address', severity: 'critical', description: 'Flagged as mixer by ofac: Tornado Cash.' },
      ],
    });
  });

  it('counts each kind of evidence once, at its most severe: one medium is medium, high and medium are high', () => {
    const twice = {
      ...unindexed(),
      native: [],
      tokens: [],
      contracts: [],
      pools: [],
      counterparties: [
        {
          address: MIXER,
          firstTx: '0x01',
          sent: 0,
          received: 3,
          nativeSent: 0n,
          nativeReceived: 3n * 10n ** 18n,
          sentTxs: [],
          receivedTxs: ['0x01', '0x02'],
          flag: { ...mixerFlag, category: 'scam' },
        },
      ],
    } satisfies WalletFacts;
    const received = dossierOf(twice);
    expect(received).toMatchObject({ risk_level: 'medium', score: 15 });
    expect(received.evidence.map((e) => e.id)).toEqual(['received_from_flagged']);
    const mixed = dossierOf({ ...twice, counterparties: [{ ...twice.counterparties[0]!, flag: mixerFlag }] });
    expect(mixed.evidence.map((e) => e.id)).toEqual(['mixer_interaction', 'received_from_flagged']);
    expect(mixed).toMatchObject({ risk_level: 'high', score: 45 });
  });

  it('names amounts in the chain’s native coin with four significant digits, not a division’s noise', () => {
    const POOL: Address = '0x2F9Efe6b74810e5CCb8670aAd499468f73ECbb09';
    const pulled = (spec: { id: number; name: string; native_symbol?: string }) =>
      dossierOf({
        ...unindexed(),
        chain: { spec } as OnchainChain,
        native: [],
        tokens: [],
        contracts: [],
        counterparties: [],
        pools: [
          {
            pair: POOL,
            token: MIXER,
            addedNative: 26_500_000_000_000_000_000n,
            removedNative: 23_849_999_999_999_999_993n,
            removedPct: 89.99,
            largestRemovalTx: '0x03',
          },
        ],
      }).evidence[0]!.description;
    expect(pulled({ id: 1, name: 'ethereum', native_symbol: 'ETH' })).toBe(
      `Removed 23.85 ETH from the pool ${POOL}, 89.99 % of what it held.`,
    );
    expect(pulled({ id: 9, name: 'other' })).toBe(
      `Removed 23.85 in native coin from the pool ${POOL}, 89.99 % of what it held.`,
    );
  });
});
