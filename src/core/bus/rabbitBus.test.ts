import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { Connection } from 'rabbitmq-client';
import { runId, services } from '../../../test/support/services.ts';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcpProxy.ts';
import type { Bus, BusMessage } from './bus.ts';
import { createRabbitBus } from './rabbitBus.ts';

const exchange = runId('bus_test');
const logger = pino({ level: 'silent' });
const rabbit = new URL(services.rabbitUrl);

function collect(bus: Bus, pattern: string) {
  const received: BusMessage[] = [];
  return bus.subscribe(pattern, (message) => void received.push(message)).then(() => received);
}

describe('RabbitMQ bus', () => {
  let proxy: TcpProxy;
  const buses: Bus[] = [];
  const open = (url = services.rabbitUrl, acquireTimeoutMs?: number) => {
    const bus = createRabbitBus({ url, exchange, logger, connectionName: exchange, acquireTimeoutMs });
    buses.push(bus);
    return bus;
  };
  const viaProxy = () => `amqp://${rabbit.username}:${rabbit.password}@127.0.0.1:${proxy.port}`;

  beforeAll(async () => {
    proxy = await startTcpProxy(rabbit.hostname, Number(rabbit.port || 5672));
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close().catch(() => {})));
    await proxy?.close();
    const admin = new Connection(services.rabbitUrl);
    await admin.exchangeDelete({ exchange });
    await admin.close();
  });

  it('routes by topic and delivers every message to every node, with confirms', async () => {
    const nodeA = open();
    const nodeB = open();
    const securityOnA = await collect(nodeA, 'intelligence.security-watch.*');
    const everythingOnB = await collect(nodeB, 'intelligence.#');
    await nodeA.publish('intelligence.security-watch.onchain', { n: 1 });
    await nodeB.publish('intelligence.listing-hunter.exchange', { n: 2 });
    await nodeA.publish('intelligence.security-watch.news', { n: 3 });
    await vi.waitFor(() => expect(everythingOnB.map((m) => m.payload)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]), {
      timeout: 20_000,
      interval: 25,
    });
    await vi.waitFor(
      () =>
        expect(securityOnA.map((m) => m.routingKey)).toEqual([
          'intelligence.security-watch.onchain',
          'intelligence.security-watch.news',
        ]),
      { timeout: 20_000, interval: 25 },
    );
    expect(await nodeA.health()).toMatchObject({ status: 'up', kind: 'rabbitmq' });
  });

  it('delivers a publishMany batch like single publishes: each matching message once, in order', async () => {
    const publisher = open();
    const consumer = open();
    const everything = await collect(consumer, '#');
    const security = await collect(consumer, 'intelligence.security-watch.*');
    const onchain = await collect(consumer, '*.*.onchain');
    const control = await collect(consumer, 'control.*');
    // Large enough that the batch travels in several envelopes; the first words change mid-batch.
    const text = 'x'.repeat(20_000);
    const batch = [
      { routingKey: 'intelligence.security-watch.onchain', payload: { n: 1, text } },
      { routingKey: 'intelligence.listing-hunter.exchange', payload: { n: 2, text } },
      { routingKey: 'control.stop', payload: { n: 3 } },
      { routingKey: 'intelligence.security-watch.news', payload: { n: 4, text } },
      { routingKey: 'intelligence.whale-watch.onchain', payload: { n: 5, text } },
    ];
    await publisher.publish('intelligence.security-watch.news', { n: 0 });
    await publisher.publishMany(batch);
    await publisher.publish('control.start', { n: 6 });
    const numbers = (messages: BusMessage[]) => messages.map((m) => (m.payload as { n: number }).n);
    await vi.waitFor(() => expect(numbers(everything)).toEqual([0, 1, 2, 3, 4, 5, 6]), {
      timeout: 20_000,
      interval: 25,
    });
    await vi.waitFor(() => expect(numbers(control)).toEqual([3, 6]), { timeout: 20_000, interval: 25 });
    expect(everything.map((m) => m.routingKey)).toEqual([
      'intelligence.security-watch.news',
      ...batch.map((m) => m.routingKey),
      'control.start',
    ]);
    expect(everything[1]!.payload).toEqual(batch[0]!.payload);
    await vi.waitFor(() => expect(numbers(security)).toEqual([0, 1, 4]), { timeout: 20_000, interval: 25 });
    await vi.waitFor(() => expect(numbers(onchain)).toEqual([1, 5]), { timeout: 20_000, interval: 25 });
  });

  it('reports a cut connection, reconnects by itself and re-declares its queue and binding', async () => {
    const direct = open();
    const proxied = open(viaProxy());
    const received = await collect(proxied, 'probe.#');
    await direct.publish('probe.before', 'before');
    await vi.waitFor(() => expect(received.map((m) => m.payload)).toEqual(['before']), {
      timeout: 20_000,
      interval: 25,
    });

    proxy.cut();
    await vi.waitFor(async () => expect(await proxied.health()).toMatchObject({ status: 'down' }), {
      timeout: 20_000,
      interval: 25,
    });
    proxy.restore();
    await vi.waitFor(async () => expect(await proxied.health()).toMatchObject({ status: 'up' }), {
      timeout: 20_000,
      interval: 25,
    });

    // The new server-named queue exists once the consumer is set up again; probe until a message arrives.
    await vi.waitFor(
      async () => {
        await direct.publish('probe.after', 'after');
        expect(received.at(-1)?.payload).toBe('after');
      },
      { timeout: 20_000, interval: 25 },
    );
    await proxied.publish('probe.own', 'own');
    await vi.waitFor(() => expect(received.at(-1)?.payload).toBe('own'), { timeout: 20_000, interval: 25 });
  });

  it('rejects a publish once the broker has been unreachable for the acquire timeout', async () => {
    const bus = open(viaProxy(), 300);
    await bus.publish('probe.x', 1);
    proxy.cut();
    try {
      await vi.waitFor(async () => expect(await bus.health()).toMatchObject({ status: 'down' }), {
        timeout: 20_000,
        interval: 25,
      });
      await expect(bus.publish('probe.x', 2)).rejects.toThrow();
    } finally {
      proxy.restore();
    }
  });
});
