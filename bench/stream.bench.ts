/**
 * `npm run bench:stream`: in one run, on this machine, on real PostgreSQL and RabbitMQ,
 *   (a) a bare `ws` broadcast server (the baseline) and
 *   (b) the real stream: items announced on RabbitMQ as an ingest announces them,
 *       consumed by a gateway process and pushed to its subscribers, which ask for
 *       `batch` frames (one write per connection per turn of the event loop), and
 *   (b′) the same with each item first stored through the intelligence service,
 * each with 5,000 connected clients: deliveries per second at saturation and
 * publish→receive latency at 100 and 10 items/s; then 20,000 idle stream connections
 * (pinging every 60 s): server RSS per connection and CPU spent on heartbeats.
 * Targets (issue 18): (b) ≥ 2× (a) in deliveries/s; p99 < 100 ms at 100 items/s;
 * ≤ 20 KB per idle connection; idle CPU < 5 % of one core.
 *
 * `--latency`: only the latency runs at 100 items/s, after one unmeasured run of each case
 * (instead of the saturation turns) to warm them up; `--idle`: only the idle connections; neither is recorded.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { pino } from 'pino';
import { Connection } from 'rabbitmq-client';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { platformModules } from '../src/platform.ts';
import { createIntelligence } from '../test/support/modules.ts';
import { ingestSchema } from '../src/modules/intelligence/schemas.ts';
import { serverFrames } from '../src/modules/stream/protocol.ts';
import { spawnGateway, type GatewayProcess } from '../test/stream/gatewayProcess.ts';
import { startFleet, type Fleet } from './stream/fleet.ts';
import { idleWindow, type IdleWindow } from './stream/idleMeter.ts';
import { cpuSeconds, latencyAt, ROUND, rss, saturation, type Publish, type Received } from './stream/measure.ts';
import { machine, median, recordSection, table } from './support.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const RABBIT_URL = process.env.BENCH_RABBIT_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const CLIENTS = 5_000;
const IDLE_NODES = 2;
const IDLE_PER_NODE = 10_000;
const SATURATION_ROUNDS = 8;
const SATURATION_TURNS = 3;
const LATENCY_SECONDS = 3;
const IDLE_SECONDS = 30;
/** Idle windows measured one after another: on a shared machine single windows vary, so the figure is their median. */
const IDLE_WINDOWS = 5;
/**
 * Two, one a core: at 100 items/s four processes cost the clients 1.3–1.6× the CPU per delivery of two (more
 * wake-ups, each finding fewer sockets ready), and the gateway more too, since it pays for waking them.
 */
const FLEET_PROCESSES = 2;
const LATENCY_ONLY = process.argv.includes('--latency');
const IDLE_ONLY = process.argv.includes('--idle');
/** How long the nodes are left before an idle window (measureIdle). */
const SETTLE_SECONDS = 20;

const id = randomBytes(3).toString('hex');
const schema = `bench_stream_${id}`;
const exchange = `bench.stream.${id}`;
const dataDir = mkdtempSync(join(tmpdir(), 'bench-stream-'));
const env = {
  DATABASE_URL,
  DATABASE_SCHEMA: schema,
  RABBIT_URL,
  RABBIT_EXCHANGE: exchange,
  DATA_DIR: dataDir,
  DEMO_DATA: 'false',
  LOG_LEVEL: 'warn',
};
const nodeEnv = { ...env, STREAM_CONNECTS_PER_MINUTE: '1000000', GLOBAL_LIMIT_TIMES: '1000000' };
const wsUrl = (node: GatewayProcess) => `${node.url.replace('http', 'ws')}/ws/v1/intelligence/`;

// (b′) has up to 100 ingests in flight: on a loaded machine they wait for a connection longer than the default 5 s.
const ctx = await createContext(loadConfig({ ...env, DATABASE_CONNECT_TIMEOUT_MS: '120000' }), {
  logger: pino({ level: 'warn' }),
  migrations: platformModules.migrations(),
});
const { service } = await createIntelligence(ctx);
const content = 'Binance will open spot trading for the token with USDT and USDC pairs; deposits open now. '.repeat(6);
let n = 0;
const publishStored: Publish = async (stamp) => {
  n++;
  const input = ingestSchema.parse({
    type: 'exchange',
    title: `bench@${stamp}`,
    content: `${content} #${n}`,
    source: { name: 'bench', url: `https://example.com/${n}` },
    agent_id: 'listing-hunter',
    tokens: [{ symbol: 'BTC' }],
  });
  await service.ingest(input);
};
const sample = (
  await service.ingest(
    ingestSchema.parse({
      type: 'exchange',
      title: 'bench@0',
      content,
      source: { name: 'bench' },
      agent_id: 'listing-hunter',
      tokens: [{ symbol: 'BTC' }],
    }),
  )
).item;

/**
 * Announces copies of the sample item on RabbitMQ as an ingest does, at `count` offsets reserved from
 * the store's counter, storing nothing: the gateway's share of the stream (consume, order, match,
 * write) without PostgreSQL's, whose ingest rate bench:ingest measures. The offsets are gaps in the
 * store, as offsets may be; the calls announce them in offset order.
 */
async function announcer(count: number): Promise<Publish> {
  const { rows } = await ctx.db.prepared(
    'bench_stream_reserve',
    sql`UPDATE stream_state SET last_offset = last_offset + ${count} WHERE id = 1 RETURNING last_offset`,
  );
  let offset = Number(rows[0]!.last_offset) - count;
  return async (stamp) => {
    offset++;
    await ctx.bus.publish(`intelligence.${sample.agent_id}.${sample.type}`, {
      ...sample,
      title: `bench@${stamp}`,
      offset,
      agent_offsets: [offset],
    });
  };
}

const results: Array<Array<string | number>> = [];
const ratio = (part: number, whole: number) => `${(part / whole).toFixed(2)}×`;

/** Each figure also goes to stderr as soon as it is measured, so a long run shows its progress. */
const progress = <T>(label: string, value: T): T => {
  process.stderr.write(`${label}: ${JSON.stringify(value)}\n`);
  return value;
};

if (IDLE_ONLY) {
  const idle = await measureIdle();
  process.stdout.write(`${idle.table}\n\n${idle.note}\n`);
  await cleanUp();
  process.exit(0);
}

// (a) the bare ws broadcast server and (b) the stream on a gateway process are up at once and
// measured in turns, so a change in the machine's background load hits both alike.
const raw = fork(new URL('./stream/rawServer.ts', import.meta.url), [], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const [{ url: rawUrl }] = (await once(raw, 'message')) as [{ url: string }];
const publishRaw: Publish = async (stamp) =>
  void raw.send({ frame: serverFrames.message({ ...sample, title: `bench@${stamp}`, offset: ++n }).toString() });
const nodes: GatewayProcess[] = [await spawnGateway(nodeEnv)];
const rawFleet = await startFleet(FLEET_PROCESSES);
const streamFleet = await startFleet(FLEET_PROCESSES);
const rawConnected = await rawFleet.connect(rawUrl, CLIENTS);
// Clients ping as the protocol asks: on a loaded machine connecting 5,000 and measuring them takes longer than the heartbeat timeout.
streamFleet.ping(60_000);
const streamConnected = await streamFleet.connect(wsUrl(nodes[0]!), CLIENTS, { type: 'init', batch: true });
const rawRuns: number[] = [];
const streamRuns: number[] = [];
for (let turn = 0; turn < (LATENCY_ONLY ? 0 : SATURATION_TURNS); turn++) {
  rawRuns.push(progress('(a) deliveries/s', await saturation(rawFleet, publishRaw, SATURATION_ROUNDS)));
  const announce = await announcer(SATURATION_ROUNDS * ROUND);
  streamRuns.push(progress('(b) deliveries/s', await saturation(streamFleet, announce, SATURATION_ROUNDS)));
}
const rawPid = raw.pid!;
const nodePid = nodes[0]!.child.pid!;

/** A latency run, with the CPU time the server and the client processes spent on each delivery in it. */
interface LatencyRun extends Received {
  serverMicros: number;
  clientMicros: number;
  /** The machine's one-minute load average at the run's end: on two cores, every other runnable process is latency too. */
  load: number;
}
async function measuredLatency(fleet: Fleet, server: number, publish: Publish, rate: number): Promise<LatencyRun> {
  const cpu = () => [cpuSeconds(server), fleet.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)] as const;
  const before = cpu();
  const run = await latencyAt(fleet, publish, rate, LATENCY_SECONDS);
  const after = cpu();
  const micros = (seconds: number) => (seconds * 1e6) / run.received;
  return {
    ...run,
    serverMicros: micros(after[0] - before[0]),
    clientMicros: micros(after[1] - before[1]),
    load: loadavg()[0]!,
  };
}
const latencies = async (rate: number) => ({
  raw: progress(`(a) at ${rate}/s`, await measuredLatency(rawFleet, rawPid, publishRaw, rate)),
  stream: progress(
    `(b) at ${rate}/s`,
    await measuredLatency(streamFleet, nodePid, await announcer(rate * LATENCY_SECONDS), rate),
  ),
  stored: progress(`(b′) at ${rate}/s`, await measuredLatency(streamFleet, nodePid, publishStored, rate)),
});
if (LATENCY_ONLY) {
  await latencyAt(rawFleet, publishRaw, 100, LATENCY_SECONDS);
  await latencyAt(streamFleet, await announcer(100 * LATENCY_SECONDS), 100, LATENCY_SECONDS);
}
const high = await latencies(100);
const low = LATENCY_ONLY ? undefined : await latencies(10);
await Promise.all([rawFleet.close(), streamFleet.close(), nodes[0]!.stop()]);
raw.kill();

const ms = (run: LatencyRun | undefined) => (run ? `${run.latency.p50} / ${run.latency.p99}` : '');
const cost = (run: LatencyRun) =>
  `${run.serverMicros.toFixed(2)} / ${run.clientMicros.toFixed(2)} (${(run.received / run.frames).toFixed(1)})`;
const runs = (values: number[]) => (values.length ? `${median(values)} (${values.join(', ')})` : '');
results.push([
  '(a) bare ws broadcast',
  rawConnected.opened,
  runs(rawRuns),
  '1.00×',
  ms(high.raw),
  cost(high.raw),
  ms(low?.raw),
  '',
]);
results.push([
  '(b) stream: RabbitMQ → gateway → batch clients',
  streamConnected.opened,
  runs(streamRuns),
  streamRuns.length ? ratio(median(streamRuns), median(rawRuns)) : '',
  ms(high.stream),
  cost(high.stream),
  ms(low?.stream),
  '≥ 2× (a); p99 < 100 ms at 100 items/s',
]);
results.push([
  '(b′) the same, each item stored by ingest first',
  streamConnected.opened,
  '',
  '',
  ms(high.stored),
  cost(high.stored),
  ms(low?.stored),
  '',
]);
const latencyTable = table(
  [
    'case',
    'clients',
    'deliveries/s at saturation: median (turns)',
    'ratio',
    'latency p50 / p99 ms at 100 items/s',
    'CPU µs per delivery at 100 items/s: server / clients (messages per frame)',
    'at 10 items/s',
    'target',
  ],
  results,
);
/** What each client process does with a frame, so the clients' CPU above reads as what it is. */
const clientNote =
  `Each client process holds ${CLIENTS / FLEET_PROCESSES} clients, each a WebSocket client on a bare TCP socket (bench/stream/wsClient.ts: RFC 6455 handshake with its accept key checked, ` +
  'every byte of every frame read and unframed, 16- and 64-bit lengths, pings answered, reads into one buffer shared by the process, frames handed on in place; ' +
  'the `ws` package’s receiver cost 2–5× as much CPU per frame); for each frame it finds every message by its publish stamp ' +
  '(`bench@<ms>` in the title: a byte search for `@`, then the five bytes before it and the digits after it read in place, no JSON parse), ' +
  'counts it and adds its latency to a histogram; the same for (a) and (b). CPU per delivery is user + system time over the 100 items/s run ' +
  '(/proc/<pid>/stat) of the server process (the ws server for (a), the gateway for (b)) and of the client processes, divided by the deliveries. ' +
  `Load average (1 min) at the end of the 100 items/s runs of (a), (b), (b′): ${[high.raw, high.stream, high.stored].map((run) => run.load.toFixed(1)).join(', ')}.`;
if (LATENCY_ONLY) {
  process.stdout.write(`${latencyTable}\n\n${clientNote}\n`);
  await cleanUp();
  process.exit(0);
}

const idle = await measureIdle();
const body = [
  latencyTable,
  '',
  idle.table,
  '',
  `Machine: ${machine()}. PostgreSQL and RabbitMQ on the same machine; ${FLEET_PROCESSES} client processes share the two cores with the server. ` +
    `Saturation: ${SATURATION_TURNS} turns each, alternating (a) and (b), of ${SATURATION_ROUNDS} rounds of 20 items (~1 KB frames), two rounds in flight. Latency: ${LATENCY_SECONDS} s of publishing at the given rate, ` +
    `every delivery measured from the publish call; every client receives every item, so 100 items/s asks for ${(100 * CLIENTS).toLocaleString('en')} deliveries/s, ` +
    `${((100 * CLIENTS) / median(rawRuns)).toFixed(1)}× what (a) sustains here, so (a) queues and its latency is the queue's. (a) writes one frame per message to each client; ` +
    `(b) writes each client once per turn of its event loop, every message due to it in one \`batch\` frame shared by the clients due the same messages. ` +
    `(b) announces items at offsets reserved in the store without storing them, so it measures the gateway; (b′) stores each through ingest (one at a time in the latency runs' schedule), so its latency adds PostgreSQL's commit and the broker's confirm. ` +
    idle.note,
  '',
  clientNote,
].join('\n');
process.stdout.write(`${body}\n`);
recordSection('Live stream (`npm run bench:stream`)', body);

await cleanUp();

async function cleanUp() {
  await ctx.close();
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
  const rabbit = new Connection(RABBIT_URL);
  await rabbit.exchangeDelete({ exchange });
  await rabbit.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Lets the nodes finish what they started before a window: idle means their steady state. */
function settle() {
  return new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
}

/**
 * 20,000 idle stream connections, over two nodes (a process may hold 20,000 descriptors here): RSS per
 * connection and the CPU heartbeats cost. Memory per connection is the RSS slope between half and all of them, so
 * start-up garbage does not count; each CPU window comes after the nodes settled, so neither the tail of their
 * start (compiling, the collection of start-up garbage) nor the collections after 20,000 connects are counted as
 * what idle connections cost.
 */
async function measureIdle() {
  const nodes = await Promise.all(Array.from({ length: IDLE_NODES }, () => spawnGateway(nodeEnv)));
  const pids = nodes.map((node) => node.child.pid!);
  const fleet = await startFleet(FLEET_PROCESSES);
  fleet.ping(60_000);
  // The nodes before any client connects: what their own timers cost, which no ping explains.
  await settle();
  const bare = progress('idle, no connections', await idleWindow(pids, IDLE_SECONDS));
  const connectHalf = async () => {
    let opened = 0;
    for (const node of nodes) opened += (await fleet.connect(wsUrl(node), IDLE_PER_NODE / 2, { type: 'init' })).opened;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return opened;
  };
  const firstHalf = await connectHalf();
  const rssAtHalf = pids.map(rss);
  const secondHalf = await connectHalf();
  const idleOpen = firstHalf + secondHalf;
  const perConnection = pids.reduce((sum, pid, i) => sum + (rss(pid) - rssAtHalf[i]!), 0) / secondHalf;
  await settle();
  const windows: IdleWindow[] = [];
  for (let i = 1; i <= IDLE_WINDOWS; i++)
    windows.push(progress(`idle window ${i}`, await idleWindow(pids, IDLE_SECONDS)));
  const stillOpen = (await fleet.report()).open;
  await fleet.close();
  await Promise.all(nodes.map((node) => node.stop()));

  /** The median of the windows, then every window in the order measured. */
  const windowed = (value: (window: IdleWindow) => number, digits: number) =>
    `${median(windows.map(value)).toFixed(digits)} (${windows.map((window) => value(window).toFixed(digits)).join(', ')})`;
  const percent = (window: IdleWindow) => window.cpu * 100;
  const pingsPerSecond = idleOpen / 60;
  const loads = windows.map((window) => window.load);
  const rows = [
    ['RSS per idle connection', `${(perConnection / 1024).toFixed(1)} KB`, '≤ 20 KB'],
    [
      `CPU for heartbeats (all nodes): median (${IDLE_WINDOWS} windows)`,
      `${windowed(percent, 2)} % of one core`,
      '< 5 %',
    ],
    [
      'the same by utime + stime (how records before 2026-11-28’s third session measured it)',
      `${windowed((window) => window.cpuByTicks * 100, 2)} % of one core`,
      '',
    ],
    ['wake-ups/s (all nodes)', windowed((window) => window.wakeups, 0), ''],
    [
      'read / write system calls/s',
      `${windowed((window) => window.reads, 0)} / ${windowed((window) => window.writes, 0)}`,
      '',
    ],
    [
      'the same nodes before any client connected',
      `${percent(bare).toFixed(2)} % of one core, ${bare.wakeups.toFixed(0)} wake-ups/s`,
      '',
    ],
    [
      'CPU per ping: the median less the nodes alone',
      `${(((median(windows.map((window) => window.cpu)) - bare.cpu) / pingsPerSecond) * 1e6).toFixed(0)} µs (${pingsPerSecond.toFixed(0)} pings/s)`,
      '',
    ],
  ];
  const note =
    `Idle: ${IDLE_NODES} gateway processes × ${IDLE_PER_NODE} connections ` +
    `(the per-process descriptor limit here is 20,000), each client pinging once a minute; RSS per connection is the growth from 10,000 to 20,000 connections. ` +
    `CPU is the scheduler's run time of every thread of the gateway processes (/proc/<pid>/task/*/schedstat: exact, where utime and stime are charged by the 10 ms tick) ` +
    `in ${IDLE_WINDOWS} windows of ${IDLE_SECONDS} s one after another, each printed: single windows vary on a shared machine, so the figure is their median, no window left out; ` +
    `the windows begin ${SETTLE_SECONDS} s after the last connection, and "before any client connected" is one window of the same nodes ${SETTLE_SECONDS} s after they listened ` +
    `(records before 2026-11-29 took both at once, so they counted the tail of the nodes' start and the collections after the connects); ` +
    `load average (1 min) at the windows' ends ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}. Wake-ups are the threads' voluntary context switches, ` +
    `system calls /proc/<pid>/io's syscr and syscw; ${stillOpen} of ${idleOpen} still open at the end.`;
  return { table: table(['idle: 20,000 connections', 'measured', 'target'], rows), note };
}
