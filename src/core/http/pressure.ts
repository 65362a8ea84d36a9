import { getHeapStatistics } from 'node:v8';
import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import { errorBody } from './errors.ts';
import { isOperationalPath } from './operationalPaths.ts';

/** Seconds a refused client should wait: a saturated loop or a full heap takes a few seconds to drain. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A node whose event loop lags by seconds or whose heap is nearly full answers
 * 503 with Retry-After instead of queueing more work until it dies; the load
 * balancer moves clients to another node meanwhile.
 */
export const shedLoadUnderPressure = fp(async (app) => {
  await app.register(underPressure, {
    maxEventLoopDelay: 1_000,
    maxHeapUsedBytes: Math.round(getHeapStatistics().heap_size_limit * 0.9),
    pressureHandler: (request, reply, type) => {
      if (isOperationalPath(request.url)) return; // operators need them most when the node is saturated
      void reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send(
          errorBody(
            'overloaded',
            `this node is overloaded (${type}); retry in ${RETRY_AFTER_SECONDS} s or on another node`,
          ),
        );
    },
  });
});
