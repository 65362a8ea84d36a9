import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainClient, forCall } from './chainClient.ts';

/** A JSON-RPC node that answers every eth_blockNumber (one at a time or in a batch) and counts the calls. */
let server: Server;
let calls = 0;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body) as { id: number } | Array<{ id: number }>;
      const answer = (r: { id: number }) => {
        calls++;
        return { jsonrpc: '2.0', id: r.id, result: '0x1' };
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const spec = (rpc_url: string) => ({
  id: 777,
  name: 'devnet',
  rpc_url,
  wrapped_native: '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const,
  dexes: [],
  explorer_api_url: null,
  explorer_api_key: null,
  start_block: 0,
  lockers: [],
});

describe('chain client request budget', () => {
  it("lets an abandoned call's queued requests go instead of making later questions wait behind them", async () => {
    // Two requests a second: twelve queued requests would hold the chain for six seconds.
    const chain = createChainClient(spec(url), { timeoutMs: 2_000, ratePerSecond: 2 });
    const blockNumber = () => chain.client.request({ method: 'eth_blockNumber' });
    const timedOut = new AbortController();
    const abandoned = forCall(timedOut.signal, () => Promise.allSettled(Array.from({ length: 12 }, blockNumber)));
    // The tool call times out while its requests wait for the budget.
    await new Promise((resolve) => setTimeout(resolve, 100));
    timedOut.abort(new Error('no result within the time limit'));
    const before = calls;
    const began = Date.now();
    expect(await blockNumber()).toBe('0x1');
    expect(Date.now() - began).toBeLessThan(1_500);
    // The abandoned requests went out at once, unqueued, and still answer: another call viem joined to one of
    // them (it dedupes identical requests in flight) gets its answer, not the abandoned call's timeout.
    const settled = await abandoned;
    expect(Date.now() - began).toBeLessThan(1_500);
    expect(settled.every((r) => r.status === 'fulfilled' && r.value === '0x1')).toBe(true);
    expect(calls - before).toBeLessThanOrEqual(12);
  });
});
