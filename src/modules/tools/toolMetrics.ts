import { Counter, Histogram, type Registry } from 'prom-client';

export interface ToolMetrics {
  /** Counts a finished call; `outcome` is `ok` or the error code. */
  observe(tool: string, outcome: string, durationMs: number): void;
}

/** Reuses the collectors when a second registry shares the context's metrics (tests build several platforms). */
function collector<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

export function createToolMetrics(registry: Registry): ToolMetrics {
  const calls = collector(
    registry,
    'tool_calls_total',
    () =>
      new Counter({
        name: 'tool_calls_total',
        help: 'Tool calls by tool and outcome (ok or the error code), from MCP, REST and chat alike',
        labelNames: ['tool', 'outcome'],
        registers: [registry],
      }),
  );
  const duration = collector(
    registry,
    'tool_call_duration_seconds',
    () =>
      new Histogram({
        name: 'tool_call_duration_seconds',
        help: 'Tool call latency inside the registry (validation, role check, handler, result checks)',
        labelNames: ['tool'],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
        registers: [registry],
      }),
  );
  return {
    observe(tool, outcome, durationMs) {
      calls.inc({ tool, outcome });
      duration.observe({ tool }, durationMs / 1000);
    },
  };
}
