/**
 * How long an answer asks its caller to wait before asking again, in ms:
 * Retry-After (seconds or an HTTP date), or on a 429 X's `x-rate-limit-reset`
 * (epoch seconds; X sends it with every answer, but it is a wait only once the
 * window is spent). Undefined when the answer says nothing.
 */
export function retryAfterMs(status: number, headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = retryAfter ? Date.parse(retryAfter) : Number.NaN;
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  const reset = headers.get('x-rate-limit-reset')?.trim();
  if (status === 429 && reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}
