import type { ServiceHealth } from '../health.ts';

/** A message on the platform bus: a routing key (`<kind>.<agent>.<type>` style) and a JSON payload. */
export interface BusMessage<T = unknown> {
  routingKey: string;
  payload: T;
}

export type BusHandler = (message: BusMessage) => void | Promise<void>;

/**
 * Fan-out to every node: each subscriber on each node receives every published
 * message whose routing key matches its pattern (AMQP topic syntax: `*` one word, `#` any).
 * `publish` resolves once the bus has accepted the message (a broker confirm for RabbitMQ).
 */
export interface Bus {
  kind: 'memory' | 'rabbitmq';
  publish(routingKey: string, payload: unknown): Promise<void>;
  /**
   * Publishes messages in this order, as one `publish` each would, but with the broker's per-message costs
   * (a frame, a confirm, a span) paid for many at once. Resolves once the bus has accepted them all.
   */
  publishMany(messages: BusMessage[]): Promise<void>;
  subscribe(pattern: string, handler: BusHandler): Promise<() => Promise<void>>;
  health(): Promise<ServiceHealth>;
  close(): Promise<void>;
}

/** AMQP topic matching, so the in-process bus routes exactly like a RabbitMQ topic exchange. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const p = pattern.split('.');
  const k = routingKey.split('.');
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === k.length;
    if (p[i] === '#') return match(i + 1, j) || (j < k.length && match(i, j + 1));
    if (j === k.length) return false;
    return (p[i] === '*' || p[i] === k[j]) && match(i + 1, j + 1);
  };
  return match(0, 0);
}
