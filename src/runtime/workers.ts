import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Config } from '../core/config.ts';
import type { Component } from '../core/module.ts';
import { serveClusterMetrics, withClusterMetrics } from './clusterMetrics.ts';
import { runNode } from './node.ts';

/** The components that serve one port and keep no state of their own between requests: these run as WORKERS processes. */
const SHARES_ITS_PORT = new Set(['gateway', 'mcp']);

/** A worker that dies sooner than this after it was started counts as crashing on start: its replacement waits longer. */
const QUICK_EXIT_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * WORKERS, or its default: one per core with ENV=production when the processes can share PostgreSQL, Redis and
 * RabbitMQ (the configuration refuses more than one without them), otherwise one. With the Vault backend and no
 * DATABASE_URL the database is PostgreSQL too: each worker reads its URL from Vault as it starts, so the URL is
 * never in the primary, a worker's command line or environment, or a message between them.
 */
export function workerCount(config: Config): number {
  if (config.WORKERS) return config.WORKERS;
  const postgres = Boolean(config.databaseUrl) || config.secretsBackend === 'vault';
  const shared = postgres && Boolean(config.CACHE_URL && config.RABBIT_URL);
  return config.ENV === 'production' && shared ? availableParallelism() : 1;
}

/**
 * `alphanest serve <component>`: the gateway and the tool server as `workerCount` processes on one port
 * (node:cluster; the primary accepts connections and hands them out in turn), each a full node sharing the
 * database, Redis and RabbitMQ; any other component, or a count of one, runs in this process.
 */
export async function serveComponent(config: Config, component: Component): Promise<void> {
  const count = SHARES_ITS_PORT.has(component.name) ? workerCount(config) : 1;
  if (count === 1) return runNode(config, [component]);
  if (cluster.isWorker) return runNode(config, [withClusterMetrics(component)]);
  await runPrimary(config, component.name, count);
}

/**
 * The primary: starts one worker and, once it listens (it ran the migrations and seeded demo data), the others;
 * replaces a worker that dies (after a delay that doubles while they die on start); on SIGTERM or SIGINT passes
 * SIGTERM on and exits once every worker has, with status 1 if one had to be killed or failed.
 */
async function runPrimary(config: Config, name: string, count: number): Promise<void> {
  const log = (fields: Record<string, unknown>, msg: string) =>
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), component: name, ...fields, msg })}\n`);
  let stopping = false;
  let everListened = false;
  let quickExits = 0;
  let failed = false;
  const startedAt = new Map<Worker, number>();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    return worker;
  };
  const listening = (worker: Worker) =>
    new Promise<boolean>((resolve) => {
      worker.once('listening', () => resolve(true));
      worker.once('exit', () => resolve(false));
    });

  /** The workers listening now, and what waits for all of them to. */
  const listeningIds = new Set<number>();
  let allListening = () => {};
  cluster.on('listening', (worker) => {
    everListened = true;
    listeningIds.add(worker.id);
    if (listeningIds.size === count) allListening();
  });
  cluster.on('exit', (worker, code, signal) => {
    listeningIds.delete(worker.id);
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    if (!everListened) return; // the first worker failed to start: runPrimary exits with its status
    quickExits = lived < QUICK_EXIT_MS ? quickExits + 1 : 0;
    const delayMs = quickExits ? Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** (quickExits - 1)) : 0;
    log({ pid: worker.process.pid, code, signal, restart_in_ms: delayMs }, 'worker exited; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, delayMs).unref();
  });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ signal }, 'stopping workers');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    // Each worker exits within SHUTDOWN_TIMEOUT_SECONDS on its own; a second more before it is killed.
    const kill = setTimeout(
      () => {
        failed = true;
        for (const worker of workers) worker.process.kill('SIGKILL');
      },
      (config.SHUTDOWN_TIMEOUT_SECONDS + 1) * 1000,
    );
    let left = workers.length;
    if (!left) process.exit(0);
    for (const worker of workers) {
      worker.once('exit', (code, signal) => {
        // Killed by this SIGTERM: a worker still starting, before it had anything to stop.
        if (code !== 0 && signal !== 'SIGTERM') failed = true;
        if (--left === 0) {
          clearTimeout(kill);
          process.exit(failed ? 1 : 0);
        }
      });
      worker.process.kill('SIGTERM');
    }
  };
  serveClusterMetrics();
  // Before the first fork: a stop while the first worker still starts reaches it too.
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const first = fork();
  const exitOfFirst = new Promise<number>((resolve) => first.once('exit', (code) => resolve(code ?? 1)));
  const started = await listening(first);
  if (stopping) return; // stop() exits once the workers have
  if (!started) process.exit(await exitOfFirst);
  for (let i = 1; i < count; i++) fork();
  // Said once every worker listens (one that died starting, once its replacement does): until then the first
  // answers everything. A stop meanwhile exits once the workers have, so this is not waited for.
  await new Promise<void>((resolve) => {
    allListening = resolve;
    if (listeningIds.size === count) resolve();
  });
  if (stopping) return;
  log({ workers: count, pid: process.pid }, 'workers started');
}
