import { Connection } from 'rabbitmq-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runId, services } from '../support/services.ts';
import { spawnGateway, type GatewayProcess } from '../stream/gatewayProcess.ts';
import { freePort } from '../support/ports.ts';
import { ingest, sessionClient, type Route } from './sessionServers.ts';
import { startToolServer, type ToolServer } from './toolServer.ts';

/** Waits for what notifications bring (no assertion on how long they take). */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 30_000, interval: 20 });

/**
 * The node holding a session's stream dies without a word (SIGKILL: no shutdown, no last position
 * saved, no bus message): the client comes back with Last-Event-ID on the other node, which serves
 * the session from Redis and catches its subscription up from the item log. Node A is a process
 * (`serveNode gateway mcp`, as the fault suite runs nodes), node B this test's own tool server; both
 * share the per-run schema, Redis key prefix and RabbitMQ exchange.
 */
describe('an MCP session outlives the node holding its stream being SIGKILLed', () => {
  const exchange = runId('mcp_killed');
  let b: ToolServer;
  let a: GatewayProcess & { mcpUrl: string };

  beforeAll(async () => {
    const limits = { TOOL_RATE_LIMIT_PER_MINUTE: '10000', GLOBAL_LIMIT_TIMES: '100000' };
    b = await startToolServer({
      backend: 'postgres',
      redis: true,
      env: { RABBIT_URL: services.rabbitUrl, RABBIT_EXCHANGE: exchange, ...limits },
    });
    const mcpPort = await freePort();
    const config = b.ctx.config;
    a = {
      ...(await spawnGateway(
        {
          DATABASE_URL: services.postgresUrl,
          DATABASE_SCHEMA: config.DATABASE_SCHEMA!,
          CACHE_URL: services.redisUrl,
          CACHE_PREFIX: config.CACHE_PREFIX,
          RABBIT_URL: services.rabbitUrl,
          RABBIT_EXCHANGE: exchange,
          // B's dev keys: a token B signs verifies on A.
          DATA_DIR: config.DATA_DIR,
          MCP_PORT: String(mcpPort),
          ...limits,
        },
        ['test/support/serveNode.ts', 'gateway', 'mcp'],
      )),
      mcpUrl: `http://127.0.0.1:${mcpPort}`,
    };
    // The node starts its components one after another: the tool server may listen after the gateway.
    await vi.waitFor(async () => expect((await fetch(`${a.mcpUrl}/health`)).status).toBe(200), {
      timeout: 60_000,
      interval: 50,
    });
  }, 120_000);
  afterAll(async () => {
    await a?.stop('SIGKILL');
    await b?.close();
    const admin = new Connection(services.rabbitUrl);
    await admin.exchangeDelete({ exchange }).catch(() => {});
    await admin.close();
  });

  it('resumes on the other node with Last-Event-ID, missing and repeating nothing', async () => {
    const route: Route = { url: a.mcpUrl, sent: [] };
    const { client, transport, updates } = await sessionClient(route, await b.token('ada'));
    await client.subscribeResource({ uri: 'intelligence://latest' });
    const first = await ingest(b);
    await eventually(() => expect(updates.map((u) => u.offset)).toEqual([first.offset]));
    // A node killed between sending a notification and saving the session's position leaves it behind what the
    // client had; that moment is made here, once A has saved it (its write would come after ours otherwise).
    const record = `mcp:session:${transport.sessionId}`;
    await eventually(async () => expect(await b.ctx.redis!.hget(record, 'position')).toBe(String(first.offset)));
    await b.ctx.redis!.hset(record, 'position', String(first.offset - 1));

    // The client's reconnection waits until an item has been stored with no node holding its stream.
    let open: () => void = () => {};
    route.gate = new Promise((resolve) => (open = resolve));
    route.url = b.url;
    expect(await a.stop('SIGKILL')).toBeNull();
    const during = await ingest(b);
    open();
    route.gate = undefined;
    const after = await ingest(b);
    await eventually(() => expect(updates.map((u) => u.offset)).toContain(after.offset));
    expect(updates.map((u) => u.offset)).toEqual([first.offset, during.offset, after.offset]);

    // The stream came back on B, naming the last event the client had from A, and B took it.
    const resumed = route.sent!.find((r) => r.method === 'GET' && r.url === b.url);
    expect(resumed).toMatchObject({ lastEventId: expect.any(String), status: 200 });
    await client.close();
  });
});
