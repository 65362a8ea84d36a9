/**
 * Where (b) of `bench:ingest` spends its time, by measures that hold on a machine other work is loading: shares
 * and costs per item rather than throughput. It records nothing.
 *
 *   node --cpu-prof --cpu-prof-dir=DIR bench/ingestProfile.bench.ts DIR [--statements]
 *   node bench/ingestProfile.bench.ts --report DIR
 *
 * The run replays the dataset through one agent (a warm-up pass, then two timed ones) and prints the CPU an item
 * cost in the timed passes (this process with its analysis threads, its PostgreSQL backends and the local RabbitMQ:
 * on two cores these share, throughput follows their sum), how long each ingest transaction held the lock, and with
 * --statements each
 * statement's time (sent to answered); it writes the timed window (on the monotonic clock the profile's
 * timestamps use) to DIR. The report aggregates the profile's samples inside that window by function (self and
 * inclusive µs per item) and gives the main thread's busy share. KEEP_SCHEMA=1 keeps the schema for EXPLAIN.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Connection } from 'rabbitmq-client';
import { createStore } from '../test/support/modules.ts';
import { createTokenRegistry } from '../src/modules/tokens/tokenRegistry.ts';
import { createPipeline } from '../src/modules/agents/pipeline.ts';
import { analysisWorkers, createAnalysers } from '../src/modules/agents/analysers.ts';
import { profileTimes, topLines } from './cpuProfile.ts';
import { benchDataDir, DATABASE_URL, openBenchContext, RABBIT_URL, replayPass } from './ingestBaselines.ts';

const REPLAY_FILE = fileURLToPath(new URL('../datasets/replay.jsonl', import.meta.url));
const PASSES = 2;

function report(dir: string) {
  const window = JSON.parse(readFileSync(`${dir}/window.json`, 'utf8')) as { from: number; to: number; items: number };
  const { self, inclusive, busy, idle } = profileTimes(dir, window, { weigh: 'gaps' });
  process.stdout.write(
    `window ${((window.to - window.from) / 1e6).toFixed(2)} s, ${window.items} items; main thread busy ${((busy / (busy + idle)) * 100).toFixed(1)} % (${(busy / window.items).toFixed(0)} µs/item)\n\nself:\n${topLines(self, 40, window.items, 'item')}\n\ninclusive:\n${topLines(inclusive, 70, window.items, 'item')}\n`,
  );
}

async function run(dir: string) {
  const id = randomBytes(3).toString('hex');
  const schema = `bench_ingest_profile_${id}`;
  const exchange = `bench.ingest.profile.${id}`;
  const ctx = await openBenchContext(schema, exchange);
  // Every transaction of this run is an ingest transaction: how long each held the lock (BEGIN to COMMIT), at most.
  const holds: number[] = [];
  const transaction = ctx.db.drizzle.transaction.bind(ctx.db.drizzle);
  ctx.db.drizzle.transaction = (async (work: Parameters<typeof transaction>[0]) => {
    const began = performance.now();
    try {
      return await transaction(work);
    } finally {
      holds.push(performance.now() - began);
    }
  }) as typeof transaction;
  // A batch planned before the lock holds it only for its write, one statement that is its own transaction.
  const prepared = ctx.db.prepared.bind(ctx.db);
  ctx.db.prepared = async (name, statement) => {
    if (name !== 'intelligence_write_stories') return prepared(name, statement);
    const began = performance.now();
    try {
      return await prepared(name, statement);
    } finally {
      holds.push(performance.now() - began);
    }
  };
  // With --statements, how long each kind of statement took (sent to answered), by its first words.
  const statements = new Map<string, { count: number; ms: number }>();
  let timing = false;
  // The PostgreSQL backends this run's clients talk to (the server's process ids), for their CPU time.
  const backends = new Set<number>();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client & { processID?: number }, ...args: unknown[]) {
    if (this.processID) backends.add(this.processID);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  if (process.argv.includes('--statements')) {
    const counted = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (!timing) return (counted as (...a: unknown[]) => unknown).apply(this, args);
      const config = args[0] as string | { text: string };
      const text = (typeof config === 'string' ? config : config.text).replace(/\s+/g, ' ').trim().slice(0, 60);
      const began = performance.now();
      const answered = () => {
        const entry = statements.get(text) ?? { count: 0, ms: 0 };
        entry.count++;
        entry.ms += performance.now() - began;
        statements.set(text, entry);
      };
      // The pool (statements outside a transaction) passes a callback; drizzle's transactions take the promise.
      const callback = args.at(-1);
      if (typeof callback === 'function')
        args[args.length - 1] = (...answer: unknown[]) => {
          answered();
          return (callback as (...a: unknown[]) => unknown)(...answer);
        };
      const result = (counted as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) void result.finally(answered).catch(() => {});
      return result;
    } as typeof counted;
  }
  /** CPU seconds (user and system) each backend has used so far. */
  const backendCpu = () => new Map([...backends].map((pid) => [pid, processCpu(pid)]));
  // The broker's share: RabbitMQ's Erlang VM on this machine, if one runs here.
  const broker = brokerPid();
  try {
    const lines = readFileSync(REPLAY_FILE, 'utf8')
      .split('\n')
      .filter((line) => line.trim());
    const { intelligence, market } = await createStore(ctx);
    const analysers = createAnalysers(ctx.config, createTokenRegistry(), ctx.logger, analysisWorkers(ctx.config));
    const deliver = createPipeline({
      agentId: 'news-sentiment-radar',
      analyser: analysers.embedded,
      thresholds: { min_abs_sentiment: 0, min_value: 0, require_tokens: false },
      ingestMany: intelligence.service.ingestMany,
      announced: intelligence.service.announced,
      quotes: market.quotes,
      logger: ctx.logger,
    });
    await replayPass(lines, 0, deliver);
    holds.length = 0;
    timing = true;
    const cpuBefore = backendCpu();
    const ownBefore = process.cpuUsage();
    const brokerBefore = broker === undefined ? 0 : processCpu(broker);
    const from = Number(process.hrtime.bigint() / 1000n);
    const began = performance.now();
    for (let pass = 1; pass <= PASSES; pass++) await replayPass(lines, pass, deliver);
    const seconds = (performance.now() - began) / 1000;
    const to = Number(process.hrtime.bigint() / 1000n);
    const items = lines.length * PASSES;
    const cpuAfter = backendCpu();
    const pgCpu = [...cpuAfter].reduce((sum, [pid, cpu]) => sum + cpu - (cpuBefore.get(pid) ?? 0), 0);
    const own = process.cpuUsage(ownBefore);
    const ownCpu = (own.user + own.system) / 1e6;
    const brokerCpu = broker === undefined ? 0 : processCpu(broker) - brokerBefore;
    const perItem = (cpuSeconds: number) => ((cpuSeconds * 1e6) / items).toFixed(0);
    writeFileSync(`${dir}/window.json`, JSON.stringify({ from, to, items }));
    const held = holds.reduce((sum, ms) => sum + ms, 0);
    const sorted = [...holds].sort((a, b) => a - b);
    process.stdout.write(
      `CPU per item in the timed passes: ${perItem(ownCpu + pgCpu + brokerCpu)} µs = this process (all threads: main and analysis) ${perItem(ownCpu)} + PostgreSQL backends ${perItem(pgCpu)} (${cpuAfter.size}) + RabbitMQ ${broker === undefined ? 'not on this machine' : perItem(brokerCpu)}\n${items} items in ${seconds.toFixed(2)} s (${Math.round(items / seconds)}/s); ${holds.length} ingest transactions (a write alone or BEGIN to COMMIT) held the lock ${(held / 1000).toFixed(2)} s = ${((held / 1000 / seconds) * 100).toFixed(0)} % of the run, ${((held * 1000) / items).toFixed(0)} µs/item, median ${sorted[sorted.length >> 1]!.toFixed(1)} ms, p90 ${sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1)} ms\n`,
    );
    for (const [text, { count, ms }] of [...statements].sort((a, b) => b[1].ms - a[1].ms))
      process.stdout.write(
        `${count.toString().padStart(6)} × ${(ms / count).toFixed(1).padStart(7)} ms = ${((ms * 1000) / items).toFixed(0).padStart(5)} µs/item  ${text}\n`,
      );
    await analysers.close();
  } finally {
    await ctx.close();
    rmSync(benchDataDir(schema), { recursive: true, force: true });
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    if (process.env.KEEP_SCHEMA) process.stdout.write(`kept schema ${schema}\n`);
    else await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
    const rabbit = new Connection(RABBIT_URL);
    await rabbit.exchangeDelete({ exchange }).finally(() => rabbit.close());
  }
}

/** CPU seconds (user and system) a process of this machine has used so far; 0 once it is gone. */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The pid of RabbitMQ's Erlang VM (`beam.smp` running the rabbit application), if it runs on this machine. */
function brokerPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (command.includes('beam') && command.includes('rabbit')) return Number(entry);
    } catch {}
  }
  return undefined;
}

const [mode, dir] = process.argv.slice(2).filter((arg) => arg !== '--statements');
if (mode === '--report') report(dir!);
else await run(mode ?? '/tmp');
