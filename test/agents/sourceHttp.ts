import { createHttpClient, type HttpClient } from '../../src/core/outbound/httpClient.ts';

/** An HTTP client for connector tests: a short timeout and no rate limit. */
export function testHttp(headers?: Record<string, string>): HttpClient {
  return createHttpClient({ timeoutMs: 5_000, headers });
}
