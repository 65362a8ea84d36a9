import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retryAfter.ts';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const headers = (init: Record<string, string>) => new Headers(init);

describe('retryAfterMs', () => {
  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs(503, headers({ 'retry-after': '120' }), NOW)).toBe(120_000);
    expect(retryAfterMs(503, headers({ 'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT' }), NOW)).toBe(30_000);
    expect(retryAfterMs(503, headers({ 'retry-after': 'Thu, 01 Jan 2026 11:00:00 GMT' }), NOW)).toBe(0);
  });

  it("reads X's rate-limit reset on a 429 only", () => {
    const reset = headers({ 'x-rate-limit-reset': String(NOW / 1000 + 60) });
    expect(retryAfterMs(429, reset, NOW)).toBe(60_000);
    expect(retryAfterMs(503, reset, NOW)).toBeUndefined();
  });

  it('says nothing for an answer without a readable wait', () => {
    expect(retryAfterMs(429, headers({}), NOW)).toBeUndefined();
    expect(retryAfterMs(429, headers({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
  });
});
