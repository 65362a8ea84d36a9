import { getHeapStatistics } from 'node:v8';
import fp from 'fastify-plugin';
import { errorBody } from './errors.ts';
import { isOperationalPath } from './operationalPaths.ts';

/** Seconds a refused client should wait: a saturated loop or a full heap takes a few seconds to drain. */
const RETRY_AFTER_SECONDS = 5;
/**
 * How often the loop's lateness is sampled: each sample is a timer that wakes the loop. @fastify/under-pressure, which
 * this replaces, samples with a 10 ms event-loop-delay histogram (fixed), and those wake-ups were half of an idle
 * node's CPU (bench:stream's idle figure). A stall worth refusing work for lasts a second; 100 ms samples see it.
 */
const SAMPLE_INTERVAL_MS = 100;
/**
 * While the loop is nearly idle the sampler waits this long instead: an idle loop cannot stall, and ten samples a
 * second were most of what an idle gateway's own timers cost (bench:stream's idle figure). Stalls begin in an idle
 * wait too; the sample after one still reads it, bounded by the loop's busy time over the wait (see below).
 */
const IDLE_SAMPLE_INTERVAL_MS = 1_000;
/** The loop counts as idle when it was busy for less than this share of the time since the last sample. */
const IDLE_SHARE = 0.1;

type Overload = 'event loop delay' | 'heap';

interface PressureLimits {
  /** How far behind the loop may stay, turn after turn, before the node refuses work. */
  maxEventLoopDelayMs?: number;
  maxHeapUsedBytes?: number;
}

/**
 * What, if anything, a node is overloaded by: `loopDelayMs` is the lag its loop has kept up over its last two turns
 * (the smaller of their two stalls), so one stall (a start-up's synchronous work, a long garbage collection) that has
 * already passed refuses nothing, and a loop that stays behind is refused from its second late turn.
 */
export function overloadOf(
  { loopDelayMs, heapUsedBytes }: { loopDelayMs: number; heapUsedBytes: number },
  limits: Required<PressureLimits>,
): Overload | null {
  if (loopDelayMs > limits.maxEventLoopDelayMs) return 'event loop delay';
  if (heapUsedBytes > limits.maxHeapUsedBytes) return 'heap';
  return null;
}

/**
 * A node whose event loop lags by seconds or whose heap is nearly full answers
 * 503 with Retry-After instead of queueing more work until it dies; the load
 * balancer moves clients to another node meanwhile.
 */
export const shedLoadUnderPressure = fp<PressureLimits>(async (app, options) => {
  const limits = {
    maxEventLoopDelayMs: options.maxEventLoopDelayMs ?? 1_000,
    maxHeapUsedBytes: options.maxHeapUsedBytes ?? Math.round(getHeapStatistics().heap_size_limit * 0.9),
  };
  let overload: Overload | null = null;
  let lastSample = performance.now();
  let lastUtilization = performance.eventLoopUtilization();
  let waitMs = SAMPLE_INTERVAL_MS;
  let previousStallMs = 0;
  let sampler: NodeJS.Timeout;
  const sample = () => {
    const now = performance.now();
    const utilization = performance.eventLoopUtilization();
    const busyMs = performance.eventLoopUtilization(utilization, lastUtilization).active;
    // How late this turn comes against the 100 ms schedule. After an idle wait most of that lateness is the wait's
    // own, so the loop's busy time over it bounds the stall: a stall that began during the wait is read whole.
    const lateMs = now - lastSample - SAMPLE_INTERVAL_MS;
    const stallMs = Math.max(0, waitMs === SAMPLE_INTERVAL_MS ? lateMs : Math.min(lateMs, busyMs));
    waitMs = busyMs < IDLE_SHARE * (now - lastSample) ? IDLE_SAMPLE_INTERVAL_MS : SAMPLE_INTERVAL_MS;
    lastSample = now;
    lastUtilization = utilization;
    const loopDelayMs = Math.min(stallMs, previousStallMs);
    previousStallMs = stallMs;
    overload = overloadOf({ loopDelayMs, heapUsedBytes: getHeapStatistics().used_heap_size }, limits);
    sampler = setTimeout(sample, waitMs);
    sampler.unref();
  };
  sampler = setTimeout(sample, waitMs);
  sampler.unref();
  app.addHook('onClose', async () => clearTimeout(sampler));

  // A callback hook, not an async one: it runs on every request, and the callback costs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    // Operators need /health, /ping and /metrics most when the node is saturated.
    if (overload === null || isOperationalPath(request.url)) return done();
    void reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send(
        errorBody(
          'overloaded',
          `this node is overloaded (${overload}); retry in ${RETRY_AFTER_SECONDS} s or on another node`,
        ),
      );
  });
});
