import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics owned by one platform context. A registry per context
 * (not prom-client's global one) lets tests run several apps in one process.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  cacheRequests: Counter<'cache' | 'result'>;
  dbQueries: Counter<'query'>;
  dbConnectionErrors: Counter;
  /** What `/metrics` answers: this registry's text, or what `exposeWith` set (every WORKERS process's, summed). */
  expose(): Promise<string>;
  /** Replaces what `/metrics` answers (src/runtime/workers.ts: the primary's aggregate of its workers). */
  exposeWith(source: () => Promise<string>): void;
  /** Gauges whose value is read at scrape time register their collector here. */
  gauge(
    name: string,
    help: string,
    labelNames: string[],
    collect: (g: Gauge<string>) => void | Promise<void>,
  ): Gauge<string>;
}

export function createMetrics({ defaults = true } = {}): Metrics {
  const registry = new Registry();
  // The event-loop lag metrics sample every 100 ms rather than prom-client's 10: each sample wakes the loop, and a
  // hundred wake-ups a second were a measurable share of an idle node's CPU; a scrape every 15 s loses nothing by it.
  if (defaults) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  let exposition = () => registry.metrics();
  return {
    registry,
    expose: () => exposition(),
    exposeWith(source) {
      exposition = source;
    },
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    cacheRequests: new Counter({
      name: 'cache_requests_total',
      help: 'Cache lookups by cache and result (hit, miss, stale, coalesced, lock_wait, error, too_large: served but not stored, uncached: a query kind never cached)',
      labelNames: ['cache', 'result'],
      registers: [registry],
    }),
    dbQueries: new Counter({
      name: 'db_queries_total',
      help: 'Repository queries by name',
      labelNames: ['query'],
      registers: [registry],
    }),
    dbConnectionErrors: new Counter({
      name: 'db_connection_errors_total',
      help: 'PostgreSQL connections lost (the pool replaces them)',
      registers: [registry],
    }),
    gauge(name, help, labelNames, collect) {
      return new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        collect() {
          return collect(this);
        },
      });
    },
  };
}
