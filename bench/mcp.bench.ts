/**
 * `npm run bench:mcp`, in one run on this machine:
 *   (a) a bare Fastify POST route answering the same JSON-RPC response body;
 *   (b) REST POST /execute of arbitrage.spread;
 *   (c) MCP tools/call of arbitrage.spread over Streamable HTTP (stateless, JSON responses);
 *   (d) the full arbitrage scan: 5 venues × 50 symbols × 50 levels (bench/arbitrage.bench.ts);
 *   (e) MCP tools/call of arbitrage.spread in a session (MCP_SESSIONS; a JSON answer, no progress asked), against (c);
 *   (f) resource updates to 1,000 sessions subscribed to intelligence://latest, each holding its
 *       GET stream: notifications delivered per second, and each one's delay from the item being stored.
 * Latency is one client sending requests back to back over a kept-alive
 * connection, so it is each request's own cost, not queueing.
 * Targets: (c) adds at most 2 ms to (a) at p50; (d) under 50 ms; (e) at most 0.5 ms over (c) at p50;
 * (f) every update within 1 s of the ingest at p99.
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

const SESSIONS = 1_000;
const ITEMS = 20;
const streams = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** A session opened over raw HTTP as an SDK client opens it; its requests are SSE-answered POSTs. */
async function openSession(url: string): Promise<Record<string, string>> {
  const init = JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
  });
  const id = await new Promise<string>((resolve, reject) => {
    const req = request(
      `${url}/mcp`,
      { method: 'POST', agent: streams, headers: { 'content-type': 'application/json', ...mcpHeaders } },
      (res) => {
        res.resume();
        const session = res.headers['mcp-session-id'];
        res.on('end', () =>
          typeof session === 'string' ? resolve(session) : reject(new Error(`no session (HTTP ${res.statusCode})`)),
        );
      },
    );
    req.on('error', reject);
    req.end(init);
  });
  const headers = { ...mcpHeaders, 'mcp-session-id': id };
  await post(`${url}/mcp`, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), headers).catch(
    () => undefined, // answered 202 with no body
  );
  return headers;
}

/**
 * (f): SESSIONS sessions subscribe to intelligence://latest and hold their GET streams; the server
 * then stores ITEMS items one after another. Each notification's delay is measured from the moment
 * its item was stored (both clocks are this machine's, performance.timeOrigin + now()).
 */
async function subscriptions(url: string) {
  const received: Array<{ offset: number; at: number }> = [];
  const open: Array<() => void> = [];
  for (let n = 0; n < SESSIONS; n++) {
    const headers = await openSession(url);
    const subscribe = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'resources/subscribe',
      params: { uri: 'intelligence://latest' },
    });
    await post(`${url}/mcp`, subscribe, headers);
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${url}/mcp`,
        { method: 'GET', agent: streams, headers: { ...headers, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`GET stream: HTTP ${res.statusCode}`));
          res.setEncoding('utf8');
          let buffer = '';
          res.on('data', (chunk: string) => {
            const at = performance.timeOrigin + performance.now();
            buffer += chunk;
            const events = buffer.split('\n\n');
            buffer = events.pop()!;
            for (const event of events) {
              const data = /^data: (.+)$/m.exec(event)?.[1];
              if (!data?.includes('notifications/resources/updated')) continue;
              received.push({ offset: JSON.parse(data).params._meta['alphanest/offset'], at });
            }
          });
          resolve();
        },
      );
      req.on('error', reject);
      req.end();
      open.push(() => req.destroy());
    });
  }
  const { stored } = JSON.parse(await post(`${url}/bench/ingest`, JSON.stringify({ count: ITEMS }))) as {
    stored: Array<{ offset: number; at: number }>;
  };
  const expected = SESSIONS * ITEMS;
  const storedAt = new Map(stored.map((s) => [s.offset, s.at]));
  // Waits for every notification (a lost one shows as the count below, after 30 s).
  const deadline = Date.now() + 30_000;
  while (received.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const close of open) close();
  const delays = received.map((r) => r.at - (storedAt.get(r.offset) ?? r.at)).sort((x, y) => x - y);
  const first = Math.min(...stored.map((s) => s.at));
  const last = Math.max(...received.map((r) => r.at));
  return {
    received: received.length,
    expected,
    perSecond: received.length / ((last - first) / 1000),
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
  };
}

const tools = await serveInChild(server, ['tools'], { ...env, MCP_SESSIONS: 'false' });
let rows: Array<Array<string | number>>;
let live: Awaited<ReturnType<typeof subscriptions>>;
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
  const sessions = await serveInChild(server, ['tools'], { ...env, MCP_SESSIONS: 'true' });
  try {
    const e = await latency(`${sessions.url}/mcp`, mcpCall, await openSession(sessions.url));
    rows.push([
      '(e) MCP tools/call arbitrage.spread in a session',
      ms(e.p50),
      ms(e.p99),
      added(e),
      `≤ +0.5 ms over (c) at p50: ${e.p50 - c.p50 <= 0.5 ? 'met' : 'missed'} (+${ms(e.p50 - c.p50)})`,
    ]);
    live = await subscriptions(sessions.url);
  } finally {
    await sessions.stop();
  }
} finally {
  await tools.stop();
  agent.destroy();
  streams.destroy();
}

const scan = await arbitrageBench();
const report =
  `${table(['case', 'p50 ms', 'p99 ms', 'added vs (a), p50 / p99', 'target'], rows)}\n\n` +
  `Machine: ${machine()}. One client, requests back to back on a kept-alive connection (${WARM_UP} warm-up, ${REQUESTS} measured per case); ` +
  'the server in a child process on an in-memory database with the embedded simulated market; ENV=dev, so loopback calls need no token ' +
  '(JWT verification is not in the figure). (c) builds a protocol server and transport per request (stateless) and checks input and output against the tool’s schemas.\n\n' +
  `Resource updates (f): ${SESSIONS} sessions (in process, no Redis) subscribed to intelligence://latest, each holding its GET stream, ${ITEMS} items stored one after another: ` +
  `${live.received} of ${live.expected} notifications delivered, ${Math.round(live.perSecond)} per second; delay from storing p50 ${live.p50.toFixed(1)} ms, p99 ${live.p99.toFixed(1)} ms ` +
  `(target ≤ 1000 ms at p99: ${live.p99 <= 1000 && live.received === live.expected ? 'met' : 'missed'}).\n\n` +
  `Full arbitrage scan, in the same run:\n\n${scan}`;
process.stdout.write(`\n${report}\n`);
recordSection('MCP tools (`npm run bench:mcp`)', report);
