import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from 'rabbitmq-client';
import { createTestContext } from '../support/context.ts';
import { http } from '../support/gateway.ts';
import { runId, services } from '../support/services.ts';
import type { AppContext } from '../../src/core/context.ts';
import { closeCodes } from '../../src/modules/stream/protocol.ts';
import { connectStream, type StreamClient } from './streamClient.ts';
import { createIngester, type Ingester } from './ingester.ts';
import { spawnGateway, type GatewayProcess } from './gatewayProcess.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.ts';

/**
 * Two gateway processes sharing PostgreSQL and RabbitMQ, as behind a load
 * balancer. Both reach RabbitMQ through a proxy this test can cut, so an
 * outage never touches the broker other test files use.
 */
describe('the stream across two gateway nodes', () => {
  const exchange = runId('stream_exchange');
  const rabbit = new URL(services.rabbitUrl);
  let ctx: AppContext;
  let proxy: TcpProxy;
  let nodeA: GatewayProcess;
  let nodeB: GatewayProcess;
  let viaA: Ingester;
  let viaB: Ingester;
  const clients: StreamClient[] = [];
  const connect = async (node: GatewayProcess) => {
    const client = await connectStream(node.url);
    clients.push(client);
    return client;
  };
  const postMany = (via: Ingester, count: number) =>
    Promise.all(Array.from({ length: count }, () => via.post())).then((items) => items.map((i) => i.offset));
  const busStatus = async (node: GatewayProcess) => (await http(`${node.url}/health`)).body.services.bus.status;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
    proxy = await startTcpProxy(rabbit.hostname, Number(rabbit.port || 5672));
    const env = {
      DATABASE_URL: services.postgresUrl,
      DATABASE_SCHEMA: ctx.config.DATABASE_SCHEMA!,
      DATA_DIR: ctx.config.DATA_DIR, // the test context generated the dev keys both nodes verify with
      RABBIT_URL: `amqp://${rabbit.username}:${rabbit.password}@127.0.0.1:${proxy.port}`,
      RABBIT_EXCHANGE: exchange,
      GLOBAL_LIMIT_TIMES: '100000',
      // Shorter than the default 10 s, so a shutdown held by the broker shows as a cut-short exit (1) soon.
      SHUTDOWN_TIMEOUT_SECONDS: '6',
    };
    [nodeA, nodeB] = await Promise.all([spawnGateway(env), spawnGateway(env)]);
    viaA = await createIngester(ctx, nodeA.url);
    viaB = await createIngester(ctx, nodeB.url);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([nodeA?.stop('SIGKILL'), nodeB?.stop('SIGKILL')]);
    await proxy?.close();
    const admin = new Connection(services.rabbitUrl);
    await admin.exchangeDelete({ exchange });
    await admin.close();
    await ctx?.close();
  });

  it('delivers an item ingested through node B to a client on node A, by agent', async () => {
    const everything = await connect(nodeA);
    const listings = await connect(nodeA);
    await everything.init();
    await listings.init({ agents: ['listing-hunter'] });
    const security = await viaB.post({ agent_id: 'security-watch', title: 'bridge exploit' });
    const listing = await viaB.post({ agent_id: 'listing-hunter', type: 'exchange', title: 'new listing' });
    await everything.next((f) => f.offset === listing.offset);
    await listings.next((f) => f.offset === listing.offset);
    expect(everything.offsets()).toEqual([security.offset, listing.offset]);
    expect(listings.offsets()).toEqual([listing.offset]);
    expect(everything.frames.at(-1)!.data).toMatchObject({
      id: listing.id,
      title: 'new listing',
      agent_id: 'listing-hunter',
    });
  });

  it('resumes on the other node with nothing lost or repeated, including items stored during the switch', async () => {
    const onA = await connect(nodeA);
    await onA.init();
    const before = await postMany(viaB, 5);
    await onA.next((f) => f.offset === Math.max(...before));
    await onA.close();
    const during = [...(await postMany(viaA, 5)), ...(await postMany(viaB, 5))];
    const onB = await connect(nodeB);
    await onB.init({ since: Math.max(...before) });
    const after = await postMany(viaA, 5);
    const expected = [...during, ...after].sort((a, b) => a - b);
    await expect.poll(() => onB.offsets(), { timeout: 20_000, interval: 25 }).toEqual(expected);
  });

  it('keeps every item flowing while RabbitMQ is unreachable, and reconnects by itself', async () => {
    const live = await connect(nodeA);
    await live.init();
    const leaving = await connect(nodeB);
    await leaving.init();
    const lastSeen = (await viaA.post()).offset;
    await leaving.next((f) => f.offset === lastSeen);
    await leaving.close();

    proxy.cut();
    await expect
      .poll(() => Promise.all([busStatus(nodeA), busStatus(nodeB)]), { timeout: 20_000, interval: 25 })
      .toEqual(['down', 'down']);
    // Publishes fail while the broker is away; the items are stored, and nodes read them from the database.
    const duringOutage = await postMany(viaB, 4);
    await expect
      .poll(() => live.offsets(), { timeout: 20_000, interval: 25 })
      .toEqual(expect.arrayContaining(duringOutage));
    proxy.restore();
    await expect
      .poll(() => Promise.all([busStatus(nodeA), busStatus(nodeB)]), { timeout: 30_000, interval: 25 })
      .toEqual(['up', 'up']);
    const afterOutage = await postMany(viaB, 3);

    const resumed = await connect(nodeA);
    await resumed.init({ since: lastSeen });
    const expected = [...duringOutage, ...afterOutage].sort((a, b) => a - b);
    await expect.poll(() => resumed.offsets(), { timeout: 20_000, interval: 25 }).toEqual(expected);
    // The live client may also get items of the previous test that node A dispatched after its init.
    await expect
      .poll(() => live.offsets().filter((offset) => offset >= lastSeen), { timeout: 20_000, interval: 25 })
      .toEqual([lastSeen, ...expected]);
    expect(live.offsets()).toEqual([...new Set(live.offsets())].sort((a, b) => a - b));
  });

  it('on SIGTERM closes its clients with 1012 and exits cleanly; they resume elsewhere', async () => {
    const client = await connect(nodeA);
    await client.init();
    const seen = (await viaB.post()).offset;
    await client.next((f) => f.offset === seen);
    const [exitCode, closed] = await Promise.all([nodeA.stop('SIGTERM'), client.closed]);
    expect(closed.code).toBe(closeCodes.serviceRestart);
    expect(exitCode).toBe(0);
    const missed = await postMany(viaB, 3);
    const elsewhere = await connect(nodeB);
    await elsewhere.init({ since: seen });
    await expect
      .poll(() => elsewhere.offsets(), { timeout: 20_000, interval: 25 })
      .toEqual(missed.sort((a, b) => a - b));
  });

  it('exits cleanly on SIGTERM while RabbitMQ is silent (a partition)', async () => {
    const client = await connect(nodeB);
    await client.init();
    proxy.blackhole();
    try {
      const [exitCode, closed] = await Promise.all([nodeB.stop('SIGTERM'), client.closed]);
      expect(closed.code).toBe(closeCodes.serviceRestart);
      // The unsubscribes and the close wait for a broker that never answers only briefly: no shutdown deadline passed.
      expect(exitCode, nodeB.output()).toBe(0);
    } finally {
      proxy.restore();
    }
  });
});
