import type { FastifyPluginAsync } from 'fastify';
import type { Upstreams } from './upstreams.ts';

const PROBE_TIMEOUT_MS = 3_000;

/** The few metrics the status page shows, summed over their label sets. */
const KEY_METRICS = [
  'http_requests_total',
  'stream_connections',
  'stream_deliveries_total',
  'tool_calls_total',
  'process_resident_memory_bytes',
  'nodejs_eventloop_lag_p99_seconds',
  'process_start_time_seconds',
] as const;

interface ServiceStatus {
  name: string;
  /** The service's own /health answer (`healthy`, `degraded`, `unhealthy`), or `unreachable`. */
  status: string;
  services: Record<string, string>;
  metrics: Record<string, number>;
  response_ms: number;
  error?: string;
}

/** Prometheus text: each wanted metric's value, summed over its series. */
export function keyMetrics(text: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{[^}]*\})?\s+(\S+)/i.exec(line);
    if (!match || !(KEY_METRICS as readonly string[]).includes(match[1]!)) continue;
    const value = Number(match[2]);
    if (Number.isFinite(value)) totals[match[1]!] = (totals[match[1]!] ?? 0) + value;
  }
  return totals;
}

async function probe(name: string, base: string): Promise<ServiceStatus> {
  const start = performance.now();
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    const [health, metrics] = await Promise.all([
      fetch(`${base}/health`, { signal }).then(async (r) => (await r.json()) as { status: string; services?: object }),
      fetch(`${base}/metrics`, { signal }).then((r) => (r.ok ? r.text() : '')),
    ]);
    const services = Object.fromEntries(
      Object.entries(health.services ?? {}).map(([service, s]) => [service, String((s as { status: string }).status)]),
    );
    return {
      name,
      status: health.status,
      services,
      metrics: keyMetrics(metrics),
      response_ms: Math.round(performance.now() - start),
    };
  } catch (err) {
    return {
      name,
      status: 'unreachable',
      services: {},
      metrics: {},
      response_ms: Math.round(performance.now() - start),
      error: signal.aborted ? `no answer within ${PROBE_TIMEOUT_MS} ms` : (err as Error).message,
    };
  }
}

/**
 * GET /status/services: each service's /health and a few of its metrics, read from here (the browser cannot
 * reach /metrics, which the deployment keeps from the public).
 */
export function statusRoutes(upstreams: Upstreams): FastifyPluginAsync {
  return async (app) => {
    app.get('/status/services', async () => ({
      checked_at: new Date().toISOString(),
      services: await Promise.all([
        probe('gateway', upstreams.gateway),
        probe('tool server', upstreams.tools),
        probe('arbitrage', upstreams.arbitrage),
      ]),
    }));
  };
}
