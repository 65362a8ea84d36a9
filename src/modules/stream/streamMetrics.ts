import { Counter, Gauge, type Registry } from 'prom-client';
import type { Metrics } from '../../core/metrics.ts';

export interface StreamMetrics {
  connections: Gauge<string>;
  deliveries: Counter<string>;
  replayed: Counter<string>;
  closes: Counter<'reason'>;
}

/** Two gateways built on one context (tests) share the context's registry, so an existing metric is reused. */
function reuse<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

export function createStreamMetrics({ registry }: Metrics): StreamMetrics {
  const registers = [registry];
  return {
    connections: reuse(
      registry,
      'stream_connections',
      () => new Gauge({ name: 'stream_connections', help: 'Open stream WebSocket connections', registers }),
    ),
    deliveries: reuse(
      registry,
      'stream_deliveries_total',
      () => new Counter({ name: 'stream_deliveries_total', help: 'Live items sent to stream clients', registers }),
    ),
    replayed: reuse(
      registry,
      'stream_replayed_total',
      () =>
        new Counter({ name: 'stream_replayed_total', help: 'Missed items sent to resuming stream clients', registers }),
    ),
    closes: reuse(
      registry,
      'stream_closes_total',
      () =>
        new Counter({
          name: 'stream_closes_total',
          help: 'Stream connections closed by the server, by reason',
          labelNames: ['reason'],
          registers,
        }),
    ),
  };
}
