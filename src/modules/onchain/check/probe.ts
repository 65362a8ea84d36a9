import {
  decodeAbiParameters,
  decodeFunctionResult,
  encodeFunctionData,
  getAddress,
  keccak256,
  parseAbi,
  parseAbiParameters,
  parseEther,
  toHex,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';

const STRUCTS = [
  'struct Market { address token; address pair; address wrapped; }',
  'struct Trade { bool bought; uint256 buyExpected; uint256 buyReceived; uint256 buyGas; bool transferred; uint256 transferSent; uint256 transferReceived; bool sold; uint256 sellSent; uint256 sellExpected; uint256 sellReceived; uint256 sellGas; bool secondBuy; bool bigBuy; }',
  'struct Observation { bool[] callOk; bool holderBought; uint256 supplyBefore; uint256 supplyAfter; uint256 holderBefore; uint256 holderAfter; Trade holder; Trade newcomer; }',
] as const;

/** TokenProbe's functions (src/modules/onchain/contracts/TokenProbe.sol). */
const probeAbi = parseAbi([
  ...STRUCTS,
  'function trade(Market m, uint256 amountIn, address recipient) returns (Trade t)',
  'function probeCalls(address token, bytes[] calls) returns (uint8[] outcomes)',
  'function scenarios(Market m, address holder, address newcomer, address recipient, uint256 amountIn, bytes[][] callLists) returns (bytes[] results)',
]);
const observationParameters = parseAbiParameters(['Observation o', ...STRUCTS]);

export interface Market {
  token: Address;
  pair: Address;
  wrapped: Address;
}

export interface Trade {
  bought: boolean;
  buyExpected: bigint;
  buyReceived: bigint;
  buyGas: bigint;
  transferred: boolean;
  transferSent: bigint;
  transferReceived: bigint;
  sold: boolean;
  sellSent: bigint;
  sellExpected: bigint;
  sellReceived: bigint;
  sellGas: bigint;
  secondBuy: boolean;
  bigBuy: boolean;
}

export interface Observation {
  callOk: readonly boolean[];
  holderBought: boolean;
  supplyBefore: bigint;
  supplyAfter: bigint;
  holderBefore: bigint;
  holderAfter: bigint;
  holder: Trade;
  newcomer: Trade;
}

/** Addresses no one holds keys to, the same on every chain: the simulation's traders. */
const borrowed = (label: string): Address => getAddress(`0x${keccak256(toHex(`alphanest.probe.${label}`)).slice(-40)}`);
export const HOLDER = borrowed('holder');
export const NEWCOMER = borrowed('newcomer');
export const RECIPIENT = borrowed('recipient');

/** Enough native coin for any buy the probe makes, put in the traders' balances by state override. */
const TRADER_BALANCE = parseEther('1000000000');
/** Each eth_call may use this much gas (nodes cap eth_call near a block's limit). */
const CALL_GAS = 25_000_000n;

/** Runs TokenProbe by state override at borrowed addresses, at one block, with the given client. */
export interface Prober {
  /** A fresh address's buy, transfer and sell through the pool. */
  trade(market: Market, amountIn: bigint): Promise<Trade>;
  /** For each call as `actor`: 0 reverts, 1 succeeds without writing (a view), 2 succeeds and writes. */
  probeCalls(actor: Address, token: Address, calls: readonly Hex[]): Promise<number[]>;
  /** Each list of calls made by `actor` between a holder's buy and its sale (null where the frame failed). */
  scenarios(
    actor: Address,
    market: Market,
    amountIn: bigint,
    callLists: readonly (readonly Hex[])[],
  ): Promise<Array<Observation | null>>;
}

export function createProber(client: PublicClient, probeCode: Hex, blockNumber: bigint): Prober {
  const traders = [HOLDER, NEWCOMER].map((address) => ({ address, code: probeCode, balance: TRADER_BALANCE }));
  async function run(actor: Address | null, data: Hex): Promise<Hex> {
    const overrides = actor ? [...traders, { address: actor, code: probeCode }] : traders;
    const { data: result } = await client.call({
      // The borrowed address sends the call too, so tx.origin is the trader or the owner, as in their own
      // transaction (tokens that check tx.origin then see who they would see).
      account: actor ?? NEWCOMER,
      to: actor ?? NEWCOMER,
      data,
      gas: CALL_GAS,
      blockNumber,
      stateOverride: overrides,
    });
    return result ?? '0x';
  }

  return {
    async trade(market, amountIn) {
      const data = await run(
        null,
        encodeFunctionData({ abi: probeAbi, functionName: 'trade', args: [market, amountIn, RECIPIENT] }),
      );
      return decodeFunctionResult({ abi: probeAbi, functionName: 'trade', data }) as Trade;
    },
    async probeCalls(actor, token, calls) {
      const data = await run(
        actor,
        encodeFunctionData({ abi: probeAbi, functionName: 'probeCalls', args: [token, [...calls]] }),
      );
      return [...(decodeFunctionResult({ abi: probeAbi, functionName: 'probeCalls', data }) as readonly number[])];
    },
    async scenarios(actor, market, amountIn, callLists) {
      const data = await run(
        actor,
        encodeFunctionData({
          abi: probeAbi,
          functionName: 'scenarios',
          args: [market, HOLDER, NEWCOMER, RECIPIENT, amountIn, callLists.map((calls) => [...calls])],
        }),
      );
      const results = decodeFunctionResult({ abi: probeAbi, functionName: 'scenarios', data }) as readonly Hex[];
      return results.map((payload) =>
        payload === '0x' ? null : (decodeAbiParameters(observationParameters, payload)[0] as Observation),
      );
    },
  };
}

/** Percent lost against what a fee-less transfer would give, to two decimals (null when nothing was expected). */
export function lossPct(expected: bigint, received: bigint): number | null {
  if (expected <= 0n) return null;
  const lost = expected > received ? expected - received : 0n;
  return Number((lost * 10_000n) / expected) / 100;
}
