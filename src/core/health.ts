import { withDeadline } from './deadline.ts';

/** What `/health` reports for one backing service. */
export interface ServiceHealth {
  /** `degraded`: out of reach, yet the node keeps working on what it holds (the secrets store). */
  status: 'up' | 'degraded' | 'down';
  /** Milliseconds the probe took. */
  response_time: number;
  /** Which implementation answered (postgres, pglite, redis, memory, rabbitmq…). */
  kind?: string;
  error?: string;
}

const PROBE_TIMEOUT_MS = 2_000;

/** Runs a probe with a timeout and turns its outcome into a ServiceHealth. */
export async function timed(probe: () => Promise<unknown>, kind?: string): Promise<ServiceHealth> {
  const start = performance.now();
  try {
    await withDeadline(probe(), PROBE_TIMEOUT_MS, 'the probe');
    return { status: 'up', response_time: round(performance.now() - start), ...(kind && { kind }) };
  } catch (err) {
    return {
      status: 'down',
      response_time: round(performance.now() - start),
      ...(kind && { kind }),
      error: (err as Error).message,
    };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
