import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_FILES, writeKeyPair } from '../../src/core/auth/keyFiles.ts';
import { eventually } from '../../test/stream/eventually.ts';
import { nginxBinary, nginxForeground, renderNginxConfig } from './nginxConfig.ts';
import { type ClusterProcess, type LineSink, startNode, startProcess } from './nodeProcess.ts';

/** Where each process listens: nginx in front, the components behind it on loopback. */
export interface ClusterPorts {
  nginx: number;
  gateways: number[];
  mcp: number;
  arbitrage: number;
  dashboard: number;
}

/** The ports after CLUSTER_PORT: the gateways, then the tool server, the arbitrage engine and the dashboard. */
export function portsAfter(nginx: number, gateways: number): ClusterPorts {
  const after = (n: number) => nginx + 1 + n;
  return {
    nginx,
    gateways: Array.from({ length: gateways }, (_, i) => after(i)),
    mcp: after(gateways),
    arbitrage: after(gateways + 1),
    dashboard: after(gateways + 2),
  };
}

export interface ClusterOptions {
  /** The cluster's own folder: the key pair and secrets master key (kept between runs), nginx's prefix, DATA_DIR. */
  dir: string;
  ports: ClusterPorts;
  /** How many `serve agents` workers ingest side by side. */
  agentsWorkers: number;
  /**
   * The environment every node starts from: where PostgreSQL, Redis and RabbitMQ are, the schema, key prefix and
   * exchange, and any other setting. The cluster adds each node's address, keys and TRUST_PROXY.
   */
  env: NodeJS.ProcessEnv;
  /** Receives every line the processes print. */
  onLine?: LineSink;
  /**
   * Each process is added here as it starts, so a caller can still stop them when the start fails or is abandoned
   * (a test's hook timing out); by default a list of the cluster's own.
   */
  started?: ClusterProcess[];
}

export interface Cluster {
  /** nginx: the one address clients use. */
  url: string;
  processes: ClusterProcess[];
  /** The process of that name (`gateway-1`, `gateway-2`, `mcp`, `arbitrage`, `dashboard`, `agents-1`…, `nginx`). */
  process(name: string): ClusterProcess;
  /** Stops every process (nodes with SIGTERM, nginx with SIGQUIT), killing what is still running after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** What every node reads its keys from: one pair for the whole cluster, made on the first run. */
async function clusterKeys(dir: string) {
  const keysDir = join(dir, 'keys');
  const files = { publicFile: join(keysDir, KEY_FILES.public), privateFile: join(keysDir, KEY_FILES.private) };
  if (!existsSync(files.publicFile) || !existsSync(files.privateFile)) await writeKeyPair(keysDir, { overwrite: true });
  const masterKeyFile = join(keysDir, 'secrets-master.key');
  if (!existsSync(masterKeyFile)) writeFileSync(masterKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  return {
    JWT_PUBLIC_FILE: files.publicFile,
    JWT_PRIVATE_FILE: files.privateFile,
    SECRETS_MASTER_KEY: readFileSync(masterKeyFile, 'utf8').trim(),
  };
}

/** Stops processes together (nodes with SIGTERM, nginx with SIGQUIT), killing what still runs after `graceMs`. */
export async function stopAll(processes: ClusterProcess[], graceMs = 15_000): Promise<void> {
  const kill = setTimeout(() => {
    for (const proc of processes) proc.child.kill('SIGKILL');
  }, graceMs);
  await Promise.all(processes.map((proc) => proc.stop(proc.name === 'nginx' ? 'SIGQUIT' : 'SIGTERM')));
  clearTimeout(kill);
}

/** Polls `check` until it passes, failing at once with the process's output if it exits first. */
function whileRunning(proc: ClusterProcess, what: string, check: () => Promise<void>, timeoutMs = 90_000) {
  return eventually(async () => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null)
      throw new StopWaiting(`${proc.name} exited before ${what}:\n${proc.output()}`);
    await check();
  }, timeoutMs).catch((err: Error) => {
    throw err instanceof StopWaiting
      ? err
      : new Error(`${proc.name}: ${what} did not happen (${err.message}):\n${proc.output()}`);
  });
}
class StopWaiting extends Error {}

/** A component answers its /health. */
async function healthy(url: string): Promise<void> {
  const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
  if (response.status !== 200) throw new Error(`/health answered ${response.status}`);
}

/**
 * The deployment's topology as processes on this machine: nginx with the shipped configuration in front of the
 * gateways, the tool server and the arbitrage engine, and agents workers beside them, all sharing PostgreSQL,
 * Redis and RabbitMQ, and the dashboard, which nginx serves at `/`. The first gateway starts alone (it migrates the
 * schema and seeds the demo data), the rest together once it is healthy, nginx last.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { dir, ports } = options;
  if (spawnSync(nginxBinary(), ['-v']).error)
    throw new Error('nginx is not installed (Debian: apt-get install nginx-light)');
  mkdirSync(dir, { recursive: true });
  const base: NodeJS.ProcessEnv = {
    ENV: 'production',
    DATA_DIR: join(dir, 'data'),
    // Each gateway and the tool server one process (the cluster's two gateways are the scale-out it shows; WORKERS
    // would fork one per core of each, and a gateway's /metrics would be one worker's): the environment may say more.
    WORKERS: '1',
    ...options.env,
    ...(await clusterKeys(dir)),
    HOST: '127.0.0.1',
    // One proxy hop, as deploy/nginx/templates/alphanest.conf.template says: nginx appends the client's address.
    TRUST_PROXY: '1',
    PORT: String(ports.gateways[0]),
    MCP_PORT: String(ports.mcp),
    ARBITRAGE_PORT: String(ports.arbitrage),
    // Reached on its own port, the dashboard forwards what its pages call to nginx (every gateway, as a deployment
    // gives it the load balancer), MCP_PORT and ARBITRAGE_PORT, and reports on them; through nginx those paths never
    // reach it.
    DASHBOARD_PORT: String(ports.dashboard),
    DASHBOARD_GATEWAY_URL: `http://127.0.0.1:${ports.nginx}`,
  };
  const processes = options.started ?? [];
  const node = (name: string, component: string, env: NodeJS.ProcessEnv = {}, port?: number) => {
    const proc = startNode(name, component, {
      env: { ...base, ...env },
      url: port === undefined ? undefined : `http://127.0.0.1:${port}`,
      onLine: options.onLine,
    });
    processes.push(proc);
    return proc;
  };
  const stop = (graceMs?: number) => stopAll(processes, graceMs);
  const ready = (proc: ClusterProcess) =>
    proc.url
      ? whileRunning(proc, 'answering /health', () => healthy(proc.url!))
      : // A worker serves no HTTP: it is under way once its banner says it runs (printed once it has started).
        whileRunning(proc, 'starting', async () => {
          if (!proc.output().includes('running agents')) throw new Error('not yet');
        });

  try {
    const gateways = ports.gateways.map((port, i) => ({ name: `gateway-${i + 1}`, port }));
    await ready(node(gateways[0]!.name, 'gateway', {}, gateways[0]!.port));
    await Promise.all([
      ...gateways.slice(1).map(({ name, port }) => ready(node(name, 'gateway', { PORT: String(port) }, port))),
      ready(node('mcp', 'mcp', {}, ports.mcp)),
      ready(node('arbitrage', 'arbitrage', {}, ports.arbitrage)),
      ...Array.from({ length: options.agentsWorkers }, (_, i) => ready(node(`agents-${i + 1}`, 'agents'))),
    ]);
    // The pages last: they call the others, and one process fewer starting at once on a small machine.
    await ready(node('dashboard', 'dashboard', {}, ports.dashboard));
    const prefix = join(dir, 'nginx');
    rmSync(prefix, { recursive: true, force: true });
    const gatewayAddresses = ports.gateways.map((port) => `127.0.0.1:${port}`);
    const conf = renderNginxConfig({
      prefix,
      httpPort: ports.nginx,
      upstreams: {
        gateway: gatewayAddresses,
        mcp: [`127.0.0.1:${ports.mcp}`],
        arbitrage: [`127.0.0.1:${ports.arbitrage}`],
        dashboard: [`127.0.0.1:${ports.dashboard}`],
      },
    });
    const nginx = startProcess('nginx', ...nginxForeground(prefix, conf), {
      url: `http://127.0.0.1:${ports.nginx}`,
      onLine: options.onLine,
    });
    processes.push(nginx);
    await whileRunning(nginx, 'answering /health through it', () => healthy(nginx.url!), 30_000);
    return {
      url: nginx.url!,
      processes,
      process(name) {
        const found = processes.find((proc) => proc.name === name);
        if (!found) throw new Error(`no process ${name} in the cluster (${processes.map((p) => p.name).join(', ')})`);
        return found;
      },
      stop,
    };
  } catch (err) {
    await stop(5_000);
    throw err;
  }
}
