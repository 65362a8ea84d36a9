import { hostname } from 'node:os';
import { Connection, type Consumer } from 'rabbitmq-client';
import type { Logger } from '../logger.ts';
import { timed } from '../health.ts';
import { withDeadline } from '../deadline.ts';
import { StartupError } from '../startupFailure.ts';
import { tracedProcess, tracedPublish } from '../../telemetry/messaging.ts';
import { topicMatches, type Bus, type BusHandler, type BusMessage } from './bus.ts';
import { errorText } from '../logger.ts';

export interface RabbitBusOptions {
  url: string;
  /** The topic exchange every node publishes to and binds its queues on. */
  exchange: string;
  logger: Logger;
  /** Shown in the broker's connection list, so an operator can tell nodes apart. */
  connectionName?: string;
  /** Milliseconds a publish or a new subscription waits for a (re)connection before giving up. */
  acquireTimeoutMs?: number;
}

/** Deliveries a node holds unacknowledged: bounds its memory when handlers fall behind. */
const PREFETCH = 500;
/**
 * publishMany sends its messages in envelopes: AMQP messages of this type whose body is the list of messages. A frame,
 * a confirm and a span per envelope instead of per message costs this process and the broker a fraction as much.
 */
const ENVELOPE_TYPE = 'alphanest.bus.envelope';
/** Envelopes are routed as `<ENVELOPE_ROUTE>.<first word of their messages' keys>`, which every subscription also binds. */
const ENVELOPE_ROUTE = 'bus-envelope';
/**
 * Characters of JSON an envelope holds at most (a longer message travels alone), so the deliveries a node holds
 * unacknowledged (PREFETCH) take about as much memory as single messages of the largest kind would.
 */
const ENVELOPE_CHARS = 64 * 1024;
/**
 * A broker answers a consumer's cancel within milliseconds: one silent this long is taken for gone (a partition),
 * and the connection's close, which drops the consumer with the socket, is not waited for either.
 */
const CANCEL_TIMEOUT_MS = 1_000;

const firstWord = (routingKey: string) => routingKey.split('.', 1)[0]!;

/** The envelope binding a subscription adds to its own: envelopes of the first word it names, or all of them. */
function envelopeBinding(pattern: string): string {
  const word = firstWord(pattern);
  return `${ENVELOPE_ROUTE}.${word === '*' || word === '#' ? '*' : word}`;
}

/** Consecutive messages with the same first word, serialised, cut into envelopes of at most ENVELOPE_CHARS. */
function envelopes(messages: BusMessage[]): Array<{ routingKey: string; body: string[] }> {
  const packed: Array<{ routingKey: string; body: string[]; chars: number }> = [];
  for (const message of messages) {
    const json = JSON.stringify(message);
    const routingKey = `${ENVELOPE_ROUTE}.${firstWord(message.routingKey)}`;
    const last = packed.at(-1);
    if (last && last.routingKey === routingKey && last.chars + json.length <= ENVELOPE_CHARS) {
      last.body.push(json);
      last.chars += json.length + 1;
    } else packed.push({ routingKey, body: [json], chars: json.length + 2 });
  }
  return packed;
}

/**
 * The platform bus over a RabbitMQ topic exchange. rabbitmq-client reconnects
 * with exponential backoff and re-declares the exchange, each subscriber's
 * queue and its binding on every new connection; publishes wait for the
 * broker's confirm. Each subscription gets a server-named exclusive queue, so
 * every node receives every message and a node that goes away leaves nothing behind.
 */
/**
 * A RabbitMQ bus whose broker answered: a node is not started against a broker
 * it cannot reach (as with the database; once running, it rides out outages).
 */
export async function connectRabbitBus(options: RabbitBusOptions): Promise<Bus> {
  const { bus, connected } = rabbitBus(options);
  try {
    await connected;
    return bus;
  } catch (err) {
    await bus.close().catch(() => {});
    const { hostname, port } = new URL(options.url);
    throw new StartupError(
      `cannot reach RabbitMQ at ${hostname}:${port || 5672} (RABBIT_URL): ${(err as Error).message}`,
    );
  }
}

export function createRabbitBus(options: RabbitBusOptions): Bus {
  return rabbitBus(options).bus;
}

function rabbitBus(options: RabbitBusOptions): { bus: Bus; connected: Promise<void> } {
  const { exchange, logger } = options;
  const acquireTimeout = options.acquireTimeoutMs ?? 5_000;
  const connection = new Connection({
    url: options.url,
    connectionName: options.connectionName ?? `alphanest ${hostname()}:${process.pid}`,
    acquireTimeout,
    retryLow: 200,
    retryHigh: 5_000,
    // A cut connection is noticed within seconds even when no traffic flows.
    heartbeat: 10,
    noDelay: true,
  });
  connection.on('error', (err) => logger.warn({ err: errorText(err) }, 'rabbitmq connection error; reconnecting'));
  connection.on('connection', () => logger.info({ exchange }, 'rabbitmq connected'));

  const exchanges = [{ exchange, type: 'topic', durable: true }];
  const publisher = connection.createPublisher({ confirm: true, exchanges });
  const consumers = new Set<Consumer>();
  /** A consumer's cancel went unanswered: the broker is not listening, so closing waits no longer than a cancel. */
  let brokerSilent = false;

  // Whether the first connection came up within the acquire timeout (the connection keeps retrying either way).
  const connected = connection.onConnect(acquireTimeout, true);
  connected.catch(() => {});
  const bus: Bus = {
    kind: 'rabbitmq',
    async publish(routingKey, payload) {
      // A partitioned broker never confirms: give up waiting rather than hold the caller until the heartbeat notices.
      await withDeadline(
        tracedPublish(exchange, routingKey, (headers) => publisher.send({ exchange, routingKey, headers }, payload)),
        acquireTimeout,
        'rabbitmq publish confirm',
      );
    },
    async publishMany(messages) {
      // One channel sends them all, so envelopes (and publishes) reach every queue in the order they were sent.
      await Promise.all(
        envelopes(messages).map(({ routingKey, body }) =>
          withDeadline(
            tracedPublish(exchange, routingKey, (headers) =>
              publisher.send(
                { exchange, routingKey, headers, type: ENVELOPE_TYPE, contentType: 'application/json' },
                Buffer.from(`[${body.join(',')}]`),
              ),
            ),
            acquireTimeout,
            'rabbitmq publish confirm',
          ),
        ),
      );
    },
    async subscribe(pattern, handler: BusHandler) {
      const consumer = connection.createConsumer(
        {
          queue: '',
          queueOptions: { exclusive: true, autoDelete: true, durable: false },
          exchanges,
          // An empty queue name binds the queue just declared on the channel (its server-generated name changes on every reconnect).
          queueBindings: [
            { exchange, queue: '', routingKey: pattern },
            { exchange, queue: '', routingKey: envelopeBinding(pattern) },
          ],
          qos: { prefetchCount: PREFETCH },
          requeue: false,
        },
        (message) =>
          tracedProcess(exchange, message.routingKey, message.headers, () => {
            if (message.type !== ENVELOPE_TYPE)
              // The envelope binding also matches plain messages published under its key: those are not this subscription's.
              return topicMatches(pattern, message.routingKey)
                ? handler({ routingKey: message.routingKey, payload: message.body })
                : undefined;
            if (Array.isArray(message.body)) return handleEnvelope(message.body as BusMessage[]);
            logger.warn(
              { pattern, routingKey: message.routingKey },
              'dropped an envelope that holds no list of messages',
            );
            return undefined;
          }),
      );
      /** An envelope's messages for this pattern, handed over in order as if each had been delivered alone. */
      async function handleEnvelope(messages: BusMessage[]) {
        const handled = messages
          .filter(({ routingKey }) => topicMatches(pattern, routingKey))
          .map(async (message) => {
            try {
              await handler(message);
            } catch (err) {
              // As a message delivered alone whose handler fails: dropped (never requeued) and logged; the others stand.
              logger.warn({ err: errorText(err), pattern, routingKey: message.routingKey }, 'rabbitmq consumer error');
            }
          });
        await Promise.all(handled);
      }
      consumer.on('error', (err) => logger.warn({ err: errorText(err), pattern }, 'rabbitmq consumer error'));
      consumers.add(consumer);
      // Messages published before the binding exists are not routed to this node: wait for it, but never block a start on a broker that is down.
      await readyWithin(consumer, acquireTimeout);
      return async () => {
        consumers.delete(consumer);
        await withDeadline(consumer.close(), CANCEL_TIMEOUT_MS, 'rabbitmq unsubscribe').catch((err) => {
          brokerSilent = true;
          logger.warn({ err: errorText(err), pattern }, 'rabbitmq did not confirm an unsubscribe');
        });
      };
    },
    health: () =>
      timed(async () => {
        if (!connection.ready) throw new Error('not connected (reconnecting)');
        await connection.exchangeDeclare({ exchange, type: 'topic', passive: true });
      }, 'rabbitmq'),
    async close() {
      const closing = (async () => {
        await Promise.all([...consumers].map((consumer) => consumer.close()));
        consumers.clear();
        await publisher.close();
        await connection.close();
      })();
      // Closing waits for the broker's replies; an unreachable broker must not hold a shutdown (the process drops the socket).
      await withDeadline(closing, brokerSilent ? CANCEL_TIMEOUT_MS : acquireTimeout, 'rabbitmq close').catch((err) =>
        logger.warn({ err: errorText(err) }, 'rabbitmq did not close cleanly'),
      );
    },
  };
  return { bus, connected };
}

/** Resolves when the consumer is bound and consuming, or after `ms` (it keeps retrying in the background). */
function readyWithin(consumer: Consumer, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    consumer.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
