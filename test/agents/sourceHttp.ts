import { systemClock } from '../../src/core/clock.ts';
import { createSourceHttp, type SourceHttp } from '../../src/modules/connectors/httpClient.ts';
import { createRateLimit } from '../../src/modules/connectors/requestRateLimit.ts';

/** An HTTP client for connector tests: a short timeout and a rate limit tests never hit. */
export function testHttp(headers?: Record<string, string>): SourceHttp {
  return createSourceHttp({ timeoutMs: 5_000, rateLimit: createRateLimit({ perMinute: 60_000, clock: systemClock }), headers });
}
