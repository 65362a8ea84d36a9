import type { RateLimit } from './requestRateLimit.ts';

/** A source answered with a non-2xx status. `retryAfterMs` comes from Retry-After or X's rate-limit reset. */
export class SourceHttpError extends Error {
  readonly status: number;
  readonly retryAfterMs?: number;
  constructor(url: string, status: number, retryAfterMs?: number) {
    super(`${new URL(url).host} answered ${status}`);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface SourceHttp {
  text(url: string, signal?: AbortSignal): Promise<string>;
  json(url: string, signal?: AbortSignal): Promise<unknown>;
}

function retryAfter(headers: Headers, now: number): number | undefined {
  const seconds = headers.get('retry-after');
  if (seconds && /^\d+$/.test(seconds)) return Number(seconds) * 1000;
  const reset = headers.get('x-rate-limit-reset');
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

/**
 * GET with a timeout and a rate limit, as every connector needs; the bucket is
 * the connector's own, so one slow source never spends another's budget.
 */
export function createSourceHttp(options: { timeoutMs: number; rateLimit: RateLimit; headers?: Record<string, string> }): SourceHttp {
  async function get(url: string, accept: string, signal?: AbortSignal): Promise<Response> {
    await options.rateLimit.take(signal);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const response = await fetch(url, {
      headers: { accept, 'user-agent': 'AlphaNest/0.1 (+https://github.com/alphanest)', ...options.headers },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new SourceHttpError(url, response.status, retryAfter(response.headers, Date.now()));
    }
    return response;
  }
  return {
    text: async (url, signal) => (await get(url, 'application/rss+xml, application/atom+xml, application/xml, text/xml, */*', signal)).text(),
    async json(url, signal) {
      const body = await (await get(url, 'application/json', signal)).text();
      try {
        return JSON.parse(body);
      } catch {
        throw new Error(`${new URL(url).host} answered with something that is not JSON`);
      }
    },
  };
}
