import { jsonAnswer, startLocalServer, type LocalServer, type SourceAnswer } from './localServer.ts';

/**
 * A local stand-in for an Etherscan-compatible explorer API (Etherscan, Basescan, BscScan, Arbiscan, and
 * Blockscout's compatible endpoint), answering from rows shaped as Etherscan returns them:
 * `GET /api?module=account&action=txlist|tokentx&address=…|contractaddress=…&page&offset&sort`,
 * `GET /api?module=account&action=txlistinternal&address=…&startblock&endblock&page&offset&sort` (the address
 * may be left out: every internal transaction of the block range),
 * `GET /api?module=contract&action=getcontractcreation&contractaddresses=…`,
 * `GET /api?module=contract&action=getsourcecode&address=…` (a row for any address: SourceCode empty and ABI
 * "Contract source code not verified" unless `verified` names it). Every answer is the
 * `{status, message, result}` envelope: "1"/"OK" with rows; "0"/"No transactions found" with `[]`;
 * "0"/"NOTOK" with the reason as `result` for a wrong API key. Records requests; `failNext` answers one
 * request with anything (a rate-limit envelope, a 502).
 */

/** A normal transaction as `txlist` lists it (Etherscan's field names, every value a string). */
export interface EtherscanTx {
  blockNumber: string;
  timeStamp: string;
  hash: string;
  nonce: string;
  blockHash: string;
  transactionIndex: string;
  from: string;
  to: string;
  value: string;
  gas: string;
  gasPrice: string;
  isError: string;
  txreceipt_status: string;
  input: string;
  contractAddress: string;
  cumulativeGasUsed: string;
  gasUsed: string;
  confirmations: string;
  methodId: string;
  functionName: string;
}

/** An ERC-20 transfer as `tokentx` lists it. */
export interface EtherscanTokenTx {
  blockNumber: string;
  timeStamp: string;
  hash: string;
  nonce: string;
  blockHash: string;
  from: string;
  contractAddress: string;
  to: string;
  value: string;
  tokenName: string;
  tokenSymbol: string;
  tokenDecimal: string;
  transactionIndex: string;
  gas: string;
  gasPrice: string;
  gasUsed: string;
  cumulativeGasUsed: string;
  input: string;
  confirmations: string;
  logIndex?: string;
}

/** An internal transaction as `txlistinternal` lists it (by address or block range: with its hash and traceId). */
export interface EtherscanInternalTx {
  blockNumber: string;
  timeStamp: string;
  hash: string;
  from: string;
  to: string;
  value: string;
  contractAddress: string;
  input: string;
  type: string;
  gas: string;
  gasUsed: string;
  traceId: string;
  isError: string;
  errCode: string;
}

export interface EtherscanData {
  txs: EtherscanTx[];
  internalTxs?: EtherscanInternalTx[];
  tokenTxs: EtherscanTokenTx[];
  creations: Array<{ contractAddress: string; contractCreator: string; txHash: string }>;
  /** Contracts whose source is verified, by lower-case address: their ContractName. */
  verified?: Record<string, string>;
}

export interface FakeEtherscan extends LocalServer {
  /** The rows answered from (change them between calls). */
  data: EtherscanData;
}

const ok = (result: unknown) => jsonAnswer(200, { status: '1', message: 'OK', result });
const none = (message: string) => jsonAnswer(200, { status: '0', message, result: [] });

export async function startFakeEtherscan(apiKey: string, data: EtherscanData): Promise<FakeEtherscan> {
  const state = { data };
  const server = await startLocalServer(({ path, query }): SourceAnswer => {
    if (path !== '/api') return jsonAnswer(404, { status: '0', message: 'NOTOK', result: 'Not found' });
    if (query.get('apikey') !== apiKey)
      return jsonAnswer(200, { status: '0', message: 'NOTOK', result: 'Invalid API Key (#err2)|' });
    const module = query.get('module');
    const action = query.get('action');
    const lower = (v: string | null) => (v ?? '').toLowerCase();
    const page = <T extends { blockNumber: string }>(rows: T[]) => {
      const size = Number(query.get('offset') ?? '10000');
      const from = (Number(query.get('page') ?? '1') - 1) * size;
      const sorted = [...rows].sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber));
      if (query.get('sort') === 'desc') sorted.reverse();
      return sorted.slice(from, from + size);
    };
    if (module === 'account' && action === 'txlist') {
      const address = lower(query.get('address'));
      const rows = page(state.data.txs.filter((t) => t.from === address || t.to === address));
      return rows.length ? ok(rows) : none('No transactions found');
    }
    if (module === 'account' && action === 'txlistinternal') {
      const address = lower(query.get('address'));
      const from = Number(query.get('startblock') ?? '0');
      const to = Number(query.get('endblock') ?? '999999999');
      const rows = page(
        (state.data.internalTxs ?? []).filter(
          (t) =>
            (!address || t.from === address || t.to === address || t.contractAddress === address) &&
            Number(t.blockNumber) >= from &&
            Number(t.blockNumber) <= to,
        ),
      );
      return rows.length ? ok(rows) : none('No transactions found');
    }
    if (module === 'account' && action === 'tokentx') {
      const address = lower(query.get('address'));
      const token = lower(query.get('contractaddress'));
      const rows = page(
        state.data.tokenTxs.filter(
          (t) => (!address || t.from === address || t.to === address) && (!token || t.contractAddress === token),
        ),
      );
      return rows.length ? ok(rows) : none('No transactions found');
    }
    if (module === 'contract' && action === 'getcontractcreation') {
      const wanted = lower(query.get('contractaddresses')).split(',');
      const rows = state.data.creations.filter((c) => wanted.includes(c.contractAddress));
      return rows.length ? ok(rows) : jsonAnswer(200, { status: '0', message: 'No data found', result: null });
    }
    if (module === 'contract' && action === 'getsourcecode') {
      const name = state.data.verified?.[lower(query.get('address'))];
      // Etherscan's row for a contract nobody verified: every field empty, the ABI saying so.
      return ok([
        {
          SourceCode: name ? `// SPDX-License-Identifier: MIT\ncontract ${name} {}` : '',
          ABI: name ? '[]' : 'Contract source code not verified',
          ContractName: name ?? '',
          CompilerVersion: name ? 'v0.8.24+commit.e11b9ed9' : '',
          OptimizationUsed: name ? '1' : '',
          Runs: name ? '200' : '',
          ConstructorArguments: '',
          EVMVersion: name ? 'Default' : '',
          Library: '',
          LicenseType: name ? 'MIT' : '',
          Proxy: '0',
          Implementation: '',
          SwarmSource: '',
        },
      ]);
    }
    return jsonAnswer(200, { status: '0', message: 'NOTOK', result: 'Error! Missing Or invalid Action name' });
  });
  return Object.defineProperty(server, 'data', {
    get: () => state.data,
    set: (rows: EtherscanData) => {
      state.data = rows;
    },
    enumerable: true,
  }) as FakeEtherscan;
}
