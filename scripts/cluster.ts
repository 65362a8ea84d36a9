/**
 * `npm run cluster`: the deployment's topology as processes on this machine, in the foreground. nginx with the
 * shipped configuration (deploy/nginx) on CLUSTER_PORT (8080) in front of two gateways, the tool server, the
 * arbitrage engine and the dashboard, with two agents workers beside them, against the local PostgreSQL, Redis and RabbitMQ (or
 * DATABASE_URL, CACHE_URL and RABBIT_URL from the environment or .env). Ctrl-C stops them all.
 */
import { join, resolve } from 'node:path';
import { loadDotEnv } from '../src/core/bootstrap.ts';
import { portsAfter, startCluster } from './cluster/cluster.ts';

loadDotEnv();
const port = Number(process.env.CLUSTER_PORT ?? 8080);
if (!Number.isInteger(port) || port < 1 || port > 65_530) {
  process.stderr.write('cluster: CLUSTER_PORT must be a port from 1 to 65530 (the nodes take the next five)\n');
  process.exit(2);
}
const ports = portsAfter(port, 2);
const dir = resolve(process.env.CLUSTER_DIR ?? join(process.env.DATA_DIR ?? 'data', 'cluster'));
const width = 'agents-2'.length;

process.stdout.write(`AlphaNest cluster (${dir}): starting…\n`);
const cluster = await startCluster({
  dir,
  ports,
  agentsWorkers: 2,
  env: {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? 'alphanest_cluster',
    CACHE_URL: process.env.CACHE_URL ?? 'redis://127.0.0.1:6379',
    CACHE_PREFIX: process.env.CACHE_PREFIX ?? 'alphanest-cluster:',
    RABBIT_URL: process.env.RABBIT_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    RABBIT_EXCHANGE: process.env.RABBIT_EXCHANGE ?? 'alphanest.cluster',
  },
  onLine: (name, line) => process.stdout.write(`${name.padEnd(width)} | ${line}\n`),
}).catch((err: Error) => {
  process.stderr.write(`cluster: ${err.message}\n`);
  process.exit(1);
});

for (const proc of cluster.processes) {
  proc.exited.then((code) => process.stdout.write(`${proc.name.padEnd(width)} | exited (${code})\n`));
}
const { url } = cluster;
process.stdout.write(
  [
    `AlphaNest cluster ready on ${url}:`,
    `  ${url}/   the dashboard (${ports.dashboard})`,
    `  ${url}/api/v1/intelligence/   the feed (gateways ${ports.gateways.join(', ')})`,
    `  ${url.replace('http', 'ws')}/ws/v1/intelligence/   the live stream`,
    `  ${url}/docs   OpenAPI`,
    `  ${url}/mcp, ${url}/tools   the tool server (${ports.mcp})`,
    `  ${url}/opportunities   the arbitrage engine (${ports.arbitrage})`,
    '  agents-1, agents-2   ingesting side by side',
    'Press Ctrl-C to stop them all.',
    '',
  ].join('\n'),
);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('cluster: stopping…\n');
  await cluster.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
