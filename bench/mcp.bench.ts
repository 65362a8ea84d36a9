/**
 * `npm run bench:mcp`, in one run on this machine:
 *   (a) a bare Fastify POST route answering the same JSON-RPC response body;
 *   (b) REST POST /execute of arbitrage.spread;
 *   (c) MCP tools/call of arbitrage.spread over Streamable HTTP (stateless, JSON responses);
 *   (d) the full arbitrage scan: 5 venues × 50 symbols × 50 levels (bench/arbitrage.bench.ts).
 * Latency is one client sending requests back to back over a kept-alive
 * connection, so it is each request's own cost, not queueing.
 * Targets: (c) adds at most 2 ms to (a) at p50; (d) under 50 ms.
 */
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { arbitrageBench } from './arbitrage.bench.ts';
import { machine, recordSection, serveInChild, table } from './support.ts';

const REQUESTS = 4_000;
const WARM_UP = 500;
const server = fileURLToPath(new URL('./mcpServer.ts', import.meta.url));
const env = {
  ENV: 'dev',
  DEMO_DATA: 'false',
  LOG_LEVEL: 'warn',
  GLOBAL_LIMIT_TIMES: '1000000',
  TOOL_RATE_LIMIT_PER_MINUTE: '100000000',
};
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const mcpCall = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'arbitrage.spread', arguments: { symbol: 'BTC/USDT' } },
});
const restCall = JSON.stringify({ tool_name: 'arbitrage.spread', parameters: { symbol: 'BTC/USDT' } });
const mcpHeaders = { accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' };

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(text)
            : reject(new Error(`${url}: HTTP ${res.statusCode} ${text.slice(0, 200)}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function latency(url: string, body: string, headers?: Record<string, string>) {
  for (let i = 0; i < WARM_UP; i++) await post(url, body, headers);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await post(url, body, headers);
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const tools = await serveInChild(server, ['tools'], env);
let rows: Array<Array<string | number>>;
try {
  const response = await post(`${tools.url}/mcp`, mcpCall, mcpHeaders);
  if (JSON.parse(response).result?.isError !== undefined)
    throw new Error(`arbitrage.spread failed: ${response.slice(0, 300)}`);
  const bare = await serveInChild(server, ['bare'], { BENCH_PAYLOAD: response });
  const a = await latency(bare.url, mcpCall);
  await bare.stop();
  const b = await latency(`${tools.url}/execute`, restCall);
  const c = await latency(`${tools.url}/mcp`, mcpCall, mcpHeaders);
  const ms = (v: number) => v.toFixed(3);
  const added = (x: { p50: number; p99: number }) => `+${ms(x.p50 - a.p50)} / +${ms(x.p99 - a.p99)}`;
  rows = [
    ['(a) bare Fastify route, same JSON body', ms(a.p50), ms(a.p99), '', ''],
    ['(b) REST POST /execute arbitrage.spread', ms(b.p50), ms(b.p99), added(b), ''],
    [
      '(c) MCP tools/call arbitrage.spread',
      ms(c.p50),
      ms(c.p99),
      added(c),
      `≤ +2 ms at p50: ${c.p50 - a.p50 <= 2 ? 'met' : 'missed'}`,
    ],
  ];
} finally {
  await tools.stop();
  agent.destroy();
}

const scan = await arbitrageBench();
const report =
  `${table(['case', 'p50 ms', 'p99 ms', 'added vs (a), p50 / p99', 'target'], rows)}\n\n` +
  `Machine: ${machine()}. One client, requests back to back on a kept-alive connection (${WARM_UP} warm-up, ${REQUESTS} measured per case); ` +
  'the server in a child process on an in-memory database with the embedded simulated market; ENV=dev, so loopback calls need no token ' +
  '(JWT verification is not in the figure). (c) builds a protocol server and transport per request (stateless) and checks input and output against the tool’s schemas.\n\n' +
  `Full arbitrage scan, in the same run:\n\n${scan}`;
process.stdout.write(`\n${report}\n`);
recordSection('MCP tools (`npm run bench:mcp`)', report);
