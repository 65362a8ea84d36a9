import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { Connection } from 'rabbitmq-client';
import { ingestSchema } from '../../src/modules/intelligence/index.ts';
import { runId, services } from '../support/services.ts';
import { startToolServer, type ToolServer, type ToolServerOptions } from './toolServer.ts';

/**
 * Two tool servers as two nodes behind a load balancer: one database schema,
 * one Redis key prefix (sessions and their event logs), one RabbitMQ exchange
 * (stored items), all per run. `close()` removes every one of them.
 */
export async function startTwoNodes(options: ToolServerOptions = {}) {
  const exchange = runId('mcp_exchange');
  const env = {
    RABBIT_URL: services.rabbitUrl,
    RABBIT_EXCHANGE: exchange,
    TOOL_RATE_LIMIT_PER_MINUTE: '10000',
    GLOBAL_LIMIT_TIMES: '100000',
    ...options.env,
  };
  const a = await startToolServer({ ...options, backend: 'postgres', redis: true, env });
  const b = await startToolServer({
    ...options,
    backend: 'postgres',
    redis: true,
    // The same schema, key prefix and keys (a token signed by one node verifies on the other).
    env: {
      ...env,
      DATABASE_SCHEMA: a.ctx.config.DATABASE_SCHEMA!,
      CACHE_PREFIX: a.ctx.config.CACHE_PREFIX,
      DATA_DIR: a.ctx.config.DATA_DIR,
    },
  });
  return {
    a,
    b,
    /** Takes a node out of service: its HTTP server closes and its open streams end (its context stays, for close()). */
    stop: (node: ToolServer) => node.app.close(),
    async close() {
      for (const node of [b, a]) await node.close();
      const admin = new Connection(services.rabbitUrl);
      await admin.exchangeDelete({ exchange });
      await admin.close();
    },
  };
}

let stored = 0;

/** Stores an item on a node as the ingest API does (it is announced on the bus). */
export async function ingest(
  node: ToolServer,
  item: { agent_id?: string; tokens?: string[]; title?: string } = {},
): Promise<{ id: string; offset: number }> {
  stored += 1;
  const title = item.title ?? `Item ${stored} ${runId('story')}`;
  const { item: saved } = await node.platform.intelligence.service.ingest(
    ingestSchema.parse({
      external_id: runId(`mcp-live-${stored}`),
      type: 'news',
      title,
      content: `${title}: the story.`,
      summary: `${title}, in short.`,
      sentiment: { label: 'neutral', score: 0 },
      value: { score: 50 },
      tokens: (item.tokens ?? ['BTC']).map((symbol) => ({ symbol })),
      source: { name: 'Test Wire' },
      agent_id: item.agent_id ?? 'news-sentiment-radar',
      published_at: new Date().toISOString(),
    }),
  );
  return { id: saved.id, offset: saved.offset };
}

/** Where a session client sends its requests: changed by a test to move it to another node. */
export interface Route {
  url: string;
  /** Requests wait for this before they go (a client reconnecting while a node is being replaced). */
  gate?: Promise<void>;
  /** When given, each request's method, node, Last-Event-ID and answer status are added to it. */
  sent?: { method: string; url: string; lastEventId: string | null; status: number }[];
}

/**
 * An SDK client over sessions, reaching whichever node `route` names, that
 * records the resource updates it hears (uri and the item's stream offset).
 */
export async function sessionClient(route: Route, token?: string) {
  const client = new Client({ name: 'alphanest-session-test', version: '1.0.0' });
  const updates: { uri: string; offset: number }[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, ({ params }) => {
    updates.push({ uri: params.uri, offset: (params._meta as { 'alphanest/offset': number })['alphanest/offset'] });
  });
  const transport = new StreamableHTTPClientTransport(new URL('http://mcp.invalid/mcp'), {
    requestInit: { headers: token ? { authorization: `Bearer ${token}` } : {} },
    reconnectionOptions: {
      initialReconnectionDelay: 50,
      maxReconnectionDelay: 500,
      reconnectionDelayGrowFactor: 1.5,
      maxRetries: 50,
    },
    fetch: async (input, init) => {
      await route.gate;
      const target = new URL(String(input));
      const url = route.url;
      const response = await fetch(`${url}${target.pathname}${target.search}`, init);
      route.sent?.push({
        method: init?.method ?? 'GET',
        url,
        lastEventId: new Headers(init?.headers).get('last-event-id'),
        status: response.status,
      });
      return response;
    },
  });
  await client.connect(transport);
  return { client, transport, updates };
}
