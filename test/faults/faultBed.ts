import { randomUUID } from 'node:crypto';
import { Connection } from 'rabbitmq-client';
import { createTestContext } from '../support/context.ts';
import { runId, services } from '../support/services.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import { spawnGateway, type GatewayProcess } from '../stream/gatewayProcess.ts';
import type { AppContext } from '../../src/core/context.ts';

export type Dependency = 'postgres' | 'redis' | 'rabbitmq';

/**
 * The deadlines the nodes run with: short, so a fault shows within seconds.
 * A query the server cannot answer is given up after the statement timeout
 * plus the driver's 2 s margin (src/core/db/postgresClient.ts).
 */
export const timeouts = {
  DATABASE_CONNECT_TIMEOUT_MS: 1_000,
  DATABASE_STATEMENT_TIMEOUT_MS: 2_000,
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 5_000,
  CACHE_COMMAND_TIMEOUT_MS: 1_000,
  SHUTDOWN_TIMEOUT_SECONDS: 3,
};
const queryTimeoutMs = timeouts.DATABASE_STATEMENT_TIMEOUT_MS + 2_000;

/**
 * How long any request may take while a dependency is faulted, generously:
 * two database waits (acquire or connect, then a query), Redis for two command
 * timeouts at most however many commands the request sends (rate limit,
 * generation, lookup, lock, store, unlock: a connection silent that long is
 * dropped, and from then on commands fail at once; src/core/cache/redisCache.ts),
 * and room for a busy two-core machine. A request without an answer by then
 * counts as hung.
 */
export const requestDeadlineMs = 2 * (timeouts.DATABASE_CONNECT_TIMEOUT_MS + queryTimeoutMs) + 2 * timeouts.CACHE_COMMAND_TIMEOUT_MS + 5_000;

export type Kind = 'cached feed' | 'uncached feed' | 'cached item' | 'uncached item' | 'ingest';

export interface Answer {
  node: string;
  kind: Kind;
  /** 0: no answer before requestDeadlineMs. */
  status: number;
  code?: string;
  retryAfter: string | null;
  body: string;
}

export interface FaultBed {
  ctx: AppContext;
  nodes: GatewayProcess[];
  proxies: Record<Dependency, TcpProxy>;
  /** Stream offsets of the items an ingest answered 201 for, in answer order. */
  stored: number[];
  /** Requests of every kind from every node, round after round, for `ms`. */
  mixedTraffic(ms: number, nodes?: GatewayProcess[]): Promise<Answer[]>;
  /** One request of a kind to a node. */
  ask(node: GatewayProcess, kind: Kind): Promise<Answer>;
  /** Puts the cached feed page and item into the cache. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** An address of `url` rewritten to reach its service through a local proxy port. */
function through(url: string, port: number): string {
  const rewritten = new URL(url);
  rewritten.hostname = '127.0.0.1';
  rewritten.port = String(port);
  return rewritten.toString();
}

/**
 * Two gateway processes sharing the real PostgreSQL, Redis and RabbitMQ, each
 * reached through a proxy this test owns, under a per-run schema, key prefix
 * and exchange.
 */
export async function startFaultBed(): Promise<FaultBed> {
  const ctx = await createTestContext({ backend: 'postgres', redis: true });
  const exchange = runId('faults');
  const [postgres, redis, rabbit] = [services.postgresUrl, services.redisUrl, services.rabbitUrl].map((url) => new URL(url));
  const proxies: Record<Dependency, TcpProxy> = {
    postgres: await startTcpProxy(postgres.hostname, Number(postgres.port || 5432)),
    redis: await startTcpProxy(redis.hostname, Number(redis.port || 6379)),
    rabbitmq: await startTcpProxy(rabbit.hostname, Number(rabbit.port || 5672)),
  };
  const removeAll = async () => {
    await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
    const admin = new Connection(services.rabbitUrl);
    await admin.exchangeDelete({ exchange }).catch(() => {});
    await admin.close();
    await ctx.close();
  };
  const env = {
    DATABASE_URL: through(services.postgresUrl, proxies.postgres.port),
    DATABASE_SCHEMA: ctx.config.DATABASE_SCHEMA!,
    CACHE_URL: through(services.redisUrl, proxies.redis.port),
    CACHE_PREFIX: ctx.config.CACHE_PREFIX,
    RABBIT_URL: through(services.rabbitUrl, proxies.rabbitmq.port),
    RABBIT_EXCHANGE: exchange,
    DATA_DIR: ctx.config.DATA_DIR, // the dev keys the test signs the agent's token with
    GLOBAL_LIMIT_TIMES: '100000',
    ...Object.fromEntries(Object.entries(timeouts).map(([name, value]) => [name, String(value)])),
  };
  const started = await Promise.allSettled([spawnGateway(env), spawnGateway(env)]);
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
    await removeAll();
    throw failed.reason;
  }
  const token = await ctx.auth.sign({ sub: 'fault-agent', role: 'agent' }, '1h');
  let n = 0;

  const post = (node: GatewayProcess) =>
    fetch(`${node.url}/api/v1/intelligence/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'news', title: `fault item ${++n}`, content: `fault test item ${n} ${randomUUID()}`, source: { name: 'fault test' } }),
      signal: AbortSignal.timeout(requestDeadlineMs),
    });
  const warmItem = (await (await post(nodes[0])).json()) as { id: string };
  const paths: Record<Exclude<Kind, 'ingest'>, () => string> = {
    'cached feed': () => '/api/v1/intelligence/?size=5',
    'uncached feed': () => `/api/v1/intelligence/?keyword=fault${++n}`,
    'cached item': () => `/api/v1/intelligence/${warmItem.id}`,
    'uncached item': () => `/api/v1/intelligence/${randomUUID()}`,
  };
  const stored: number[] = [];
  const nodeName = (node: GatewayProcess) => (node === nodes[0] ? 'A' : 'B');

  async function ask(node: GatewayProcess, kind: Kind): Promise<Answer> {
    try {
      const response = kind === 'ingest' ? await post(node) : await fetch(`${node.url}${paths[kind]()}`, { signal: AbortSignal.timeout(requestDeadlineMs) });
      const body = await response.text();
      let code: string | undefined;
      if (response.status >= 400) code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
      if (kind === 'ingest' && response.status === 201) stored.push((JSON.parse(body) as { item: { offset: number } }).item.offset);
      return { node: nodeName(node), kind, status: response.status, code, retryAfter: response.headers.get('retry-after'), body };
    } catch (err) {
      return { node: nodeName(node), kind, status: 0, retryAfter: null, body: (err as Error).message };
    }
  }

  const kinds: Kind[] = ['cached feed', 'uncached feed', 'cached item', 'uncached item', 'ingest'];
  return {
    ctx,
    nodes,
    proxies,
    stored,
    ask,
    async mixedTraffic(ms, among = nodes.filter((node) => node.child.exitCode === null)) {
      const answers: Answer[] = [];
      const until = Date.now() + ms;
      await Promise.all(
        among.map(async (node) => {
          do answers.push(...(await Promise.all(kinds.map((kind) => ask(node, kind)))));
          while (Date.now() < until);
        }),
      );
      return answers;
    },
    async warm() {
      for (const node of nodes) for (const kind of ['cached feed', 'cached item'] as const) await ask(node, kind);
    },
    async close() {
      await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
      await removeAll();
    },
  };
}
