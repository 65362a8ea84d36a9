import { randomUUID } from 'node:crypto';
import { Connection } from 'rabbitmq-client';
import { createTestContext } from '../support/context.ts';
import { runId, services } from '../support/services.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';
import { spawnGateway, type GatewayProcess } from '../stream/gatewayProcess.ts';
import { freePort } from '../support/ports.ts';
import type { AppContext } from '../../src/core/context.ts';

export type Dependency = 'postgres' | 'redis' | 'rabbitmq';

/** The deadlines that bound how long a request may wait on a dependency (src/core/config.ts). */
interface DeadlineSettings {
  DATABASE_CONNECT_TIMEOUT_MS: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  CACHE_COMMAND_TIMEOUT_MS: number;
  TOOL_TIMEOUT_MS: number;
  CHAT_TIMEOUT_MS: number;
}

/** How much longer the PostgreSQL client waits than the server's statement_timeout (src/core/db/postgresClient.ts). */
const QUERY_TIMEOUT_MARGIN_MS = 2_000;

/**
 * The per-request deadlines README.md ("Outages") documents, one formula per
 * surface, whichever dependency is out (RabbitMQ adds nothing: no request
 * waits for the bus, ingest answers once the item is stored and its publish
 * queued; the bus's 5 s acquire timeout bounds background publishes and the
 * shutdown only).
 *
 * - a database wait: a pooled connection (DATABASE_CONNECT_TIMEOUT_MS), then
 *   a statement (DATABASE_STATEMENT_TIMEOUT_MS + 2 s for a server that never
 *   answers); a request makes at most two such waits in a row (a miss, then
 *   the write or the prefetch), the next ones fail at once.
 * - a Redis wait: two command timeouts (a connection silent that long is
 *   dropped; from then on commands fail at once; src/core/cache/redisCache.ts).
 * - feed, item, ingest: two database waits and a Redis wait.
 * - tools (REST /execute and MCP tools/call): the tool's TOOL_TIMEOUT_MS
 *   (then 504 `timeout`), after the rate limit's Redis wait.
 * - chat: CHAT_TIMEOUT_MS for the model and its tools, then the conversation's
 *   write (two database waits), with the chat limits' Redis waits (take and
 *   release a slot) on either side.
 */
function requestDeadlines(settings: DeadlineSettings) {
  const databaseWait =
    settings.DATABASE_CONNECT_TIMEOUT_MS + settings.DATABASE_STATEMENT_TIMEOUT_MS + QUERY_TIMEOUT_MARGIN_MS;
  const redisWait = 2 * settings.CACHE_COMMAND_TIMEOUT_MS;
  return {
    gateway: 2 * databaseWait + redisWait,
    tool: redisWait + settings.TOOL_TIMEOUT_MS,
    chat: 2 * redisWait + settings.CHAT_TIMEOUT_MS + 2 * databaseWait,
  };
}

/**
 * The deadlines the nodes run with: short, so a fault shows within seconds.
 * TOOL_TIMEOUT_MS is longer than a database wait, so a tool the database
 * fails answers 503 `database_unavailable` rather than 504 `timeout`.
 */
export const timeouts = {
  DATABASE_CONNECT_TIMEOUT_MS: 1_000,
  DATABASE_STATEMENT_TIMEOUT_MS: 2_000,
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 5_000,
  CACHE_COMMAND_TIMEOUT_MS: 1_000,
  TOOL_TIMEOUT_MS: 8_000,
  CHAT_TIMEOUT_MS: 8_000,
  SHUTDOWN_TIMEOUT_SECONDS: 3,
};

/** Room for two busy nodes, the proxies and the test on a two-core machine, on top of the documented deadline. */
const SCHEDULING_SLACK_MS = 5_000;

export type Kind =
  | 'cached feed'
  | 'uncached feed'
  | 'cached item'
  | 'uncached item'
  | 'ingest'
  /** REST POST /execute of osint.token_mentions (reads PostgreSQL). */
  | 'database tool'
  /** REST POST /execute of arbitrage.spread (order books in the node, no database). */
  | 'market tool'
  /** MCP tools/call of osint.token_mentions over Streamable HTTP. */
  | 'mcp tool'
  /** POST /api/chat/message, the local planner calling arbitrage.spread, the exchange stored in PostgreSQL. */
  | 'chat';

const kinds: Kind[] = [
  'cached feed',
  'uncached feed',
  'cached item',
  'uncached item',
  'ingest',
  'database tool',
  'market tool',
  'mcp tool',
  'chat',
];

const deadlines = requestDeadlines(timeouts);
/** How long the test waits for an answer to a request of each kind before counting it as hung. */
const deadlineMs = (kind: Kind) =>
  SCHEDULING_SLACK_MS + (kind === 'chat' ? deadlines.chat : kind.endsWith('tool') ? deadlines.tool : deadlines.gateway);

export interface Answer {
  node: string;
  kind: Kind;
  /** 0: no answer before deadlineMs(kind). */
  status: number;
  /** The error code: of the error body, or of an MCP tool result with isError. */
  code?: string;
  retryAfter: string | null;
  body: string;
}

/** A node: the gateway at `url`, the tool server (REST tools, MCP) at `mcpUrl`. */
interface FaultNode extends GatewayProcess {
  mcpUrl: string;
}

export interface FaultBed {
  ctx: AppContext;
  nodes: [FaultNode, FaultNode];
  proxies: Record<Dependency, TcpProxy>;
  /** Stream offsets of the items an ingest answered 201 for, in answer order. */
  stored: number[];
  /** Requests of every kind from every node, round after round, for `ms`. */
  mixedTraffic(ms: number, nodes?: FaultNode[]): Promise<Answer[]>;
  /** One request of a kind to a node. */
  ask(node: FaultNode, kind: Kind): Promise<Answer>;
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
  const [postgres, redis, rabbit] = [
    new URL(services.postgresUrl),
    new URL(services.redisUrl),
    new URL(services.rabbitUrl),
  ];
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
    TOOL_RATE_LIMIT_PER_MINUTE: '100000',
    CHAT_RATE_PER_MINUTE: '100000',
    CHAT_CONCURRENCY: '100',
    // One JSON-RPC POST per MCP call, as a stateless client makes them (sessions have their own tests).
    MCP_SESSIONS: 'false',
    LLM_PROVIDER: 'local',
    ...Object.fromEntries(Object.entries(timeouts).map(([name, value]) => [name, String(value)])),
  };
  // Each node is one process running the gateway and the tool server (MCP_PORT), as `npm start` does.
  const spawnNode = async () => {
    const mcpPort = await freePort();
    return {
      ...(await spawnGateway({ ...env, MCP_PORT: String(mcpPort) }, ['test/support/serveNode.ts', 'gateway', 'mcp'])),
      mcpUrl: `http://127.0.0.1:${mcpPort}`,
    };
  };
  const started = await Promise.allSettled([spawnNode(), spawnNode()]);
  const running: FaultNode[] = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((node) => node.stop('SIGKILL')));
    await removeAll();
    throw failed.reason;
  }
  const nodes = running as [FaultNode, FaultNode];
  const token = await ctx.auth.sign({ sub: 'fault-agent', role: 'agent' }, '1h');
  const userToken = await ctx.auth.sign({ sub: 'fault-user', role: 'user' }, '1h');
  let n = 0;

  // MCP's Streamable HTTP wants a client to accept both; everything else answers JSON (chat would stream events to text/event-stream).
  const json = (bearer: string, body: unknown, accept = 'application/json') => ({
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept },
    body: JSON.stringify(body),
  });
  const ingest = (node: GatewayProcess, signal?: AbortSignal) =>
    fetch(`${node.url}/api/v1/intelligence/`, {
      ...json(token, {
        type: 'news',
        title: `fault item ${++n}`,
        content: `fault test item ${n} ${randomUUID()}`,
        source: { name: 'fault test' },
      }),
      signal: signal ?? AbortSignal.timeout(deadlineMs('ingest')),
    });
  const warmItem = (await (await ingest(nodes[0])).json()) as { id: string };
  const requests: Record<Kind, (node: FaultNode, signal: AbortSignal) => Promise<Response>> = {
    'cached feed': (node, signal) => fetch(`${node.url}/api/v1/intelligence/?size=5`, { signal }),
    'uncached feed': (node, signal) => fetch(`${node.url}/api/v1/intelligence/?keyword=fault${++n}`, { signal }),
    'cached item': (node, signal) => fetch(`${node.url}/api/v1/intelligence/${warmItem.id}`, { signal }),
    'uncached item': (node, signal) => fetch(`${node.url}/api/v1/intelligence/${randomUUID()}`, { signal }),
    ingest: (node, signal) => ingest(node, signal),
    'database tool': (node, signal) =>
      fetch(`${node.mcpUrl}/execute`, {
        ...json(userToken, { tool_name: 'osint.token_mentions', parameters: { token: 'BTC' } }),
        signal,
      }),
    'market tool': (node, signal) =>
      fetch(`${node.mcpUrl}/execute`, {
        ...json(userToken, { tool_name: 'arbitrage.spread', parameters: { symbol: 'BTC/USDT' } }),
        signal,
      }),
    'mcp tool': (node, signal) =>
      fetch(`${node.mcpUrl}/mcp`, {
        ...json(
          userToken,
          {
            jsonrpc: '2.0',
            id: ++n,
            method: 'tools/call',
            params: { name: 'osint.token_mentions', arguments: { token: 'ETH' } },
          },
          'application/json, text/event-stream',
        ),
        signal,
      }),
    chat: (node, signal) =>
      fetch(`${node.url}/api/chat/message`, { ...json(userToken, { message: 'spread for BTC/USDT' }), signal }),
  };
  const stored: number[] = [];
  const nodeName = (node: GatewayProcess) => (node === nodes[0] ? 'A' : 'B');

  /** The error code an answer carries: its error body's, or an MCP tool result's (isError, the failure as JSON text). */
  function errorCode(kind: Kind, status: number, body: string): string | undefined {
    if (kind === 'mcp tool' && status === 200) {
      const { result, error } = JSON.parse(body) as {
        result?: { isError?: boolean; content?: Array<{ text: string }> };
        error?: { message: string };
      };
      if (error) return `json-rpc error: ${error.message}`;
      return result?.isError
        ? (JSON.parse(result.content![0]!.text) as { error: { code: string } }).error.code
        : undefined;
    }
    if (status < 400) return undefined;
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  }

  async function ask(node: FaultNode, kind: Kind): Promise<Answer> {
    try {
      const response = await requests[kind](node, AbortSignal.timeout(deadlineMs(kind)));
      const body = await response.text();
      const code = errorCode(kind, response.status, body);
      if (kind === 'ingest' && response.status === 201)
        stored.push((JSON.parse(body) as { item: { offset: number } }).item.offset);
      return {
        node: nodeName(node),
        kind,
        status: response.status,
        code,
        retryAfter: response.headers.get('retry-after'),
        body,
      };
    } catch (err) {
      return { node: nodeName(node), kind, status: 0, retryAfter: null, body: (err as Error).message };
    }
  }

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
