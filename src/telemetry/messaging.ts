import { context, propagation, ROOT_CONTEXT, SpanKind, type Attributes } from '@opentelemetry/api';
import { inSpan } from './spans.ts';

type Headers = Record<string, unknown>;

const attributes = (exchange: string, routingKey: string, operation: 'send' | 'process'): Attributes => ({
  'messaging.system': 'rabbitmq',
  'messaging.operation.type': operation,
  'messaging.destination.name': exchange,
  'messaging.rabbitmq.destination.routing_key': routingKey,
});

/**
 * A publish as a producer span (messaging semantic conventions). `send`
 * gets the trace context to carry in the message headers (W3C traceparent),
 * or nothing when no span is recorded, so an untraced publish carries no headers.
 */
export function tracedPublish<T>(
  exchange: string,
  routingKey: string,
  send: (headers: Headers | undefined) => Promise<T>,
): Promise<T> {
  return inSpan(
    `publish ${exchange}`,
    { kind: SpanKind.PRODUCER, attributes: attributes(exchange, routingKey, 'send') },
    (span) => {
      if (!span.isRecording()) return send(undefined);
      const headers: Headers = {};
      propagation.inject(context.active(), headers);
      return send(headers);
    },
  );
}

/** A delivery's handling as a consumer span, a child of the publish when the message carries its context. */
export function tracedProcess<T>(
  exchange: string,
  routingKey: string,
  headers: Headers | undefined,
  handle: () => T | Promise<T>,
): Promise<T> {
  const parent = headers ? propagation.extract(ROOT_CONTEXT, headers) : ROOT_CONTEXT;
  return inSpan(
    `process ${exchange}`,
    { kind: SpanKind.CONSUMER, attributes: attributes(exchange, routingKey, 'process') },
    async () => handle(),
    parent,
  );
}
