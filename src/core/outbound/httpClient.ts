import ky, { isHTTPError, isNetworkError, isTimeoutError, type BeforeRetryState } from 'ky';
import { backoffDelay, type BackoffPolicy } from '../backoff.ts';
import { systemClock, type Clock } from '../clock.ts';
import { HttpConnectionError, HttpStatusError, HttpTimeoutError, OutboundHttpError } from './errors.ts';
import { createRateLimit, type RateLimit } from './requestRateLimit.ts';
import { retryAfterMs } from './retryAfter.ts';
import { withUserAgent } from './userAgent.ts';

export interface HttpClientOptions {
  /** Bounds each call as a whole: connecting, the answer and its body, and any retries with their waits. */
  timeoutMs: number;
  /** Sent with every request (credentials, API keys). */
  headers?: Record<string, string>;
  /**
   * Requests per minute to any one host, from this client's own buckets (one per host), so one
   * caller never spends another's budget. The wait for a token comes before the timeout starts.
   */
  perHostRateLimit?: { perMinute: number; capacity?: number };
  /** Retries of a GET or HEAD that met a network error, 429, 502, 503 or 504. Default 2. */
  retries?: number;
  /**
   * Which requests are retried, for services whose writes are safe to repeat (Vault, whose own client
   * retries every method on 5xx): the methods (default GET and HEAD) and statuses (default 429, 502–504).
   */
  retryOn?: { methods: readonly string[]; statuses: readonly number[] };
  /** The wait before retry n, unless the answer's Retry-After asks for longer. Default 500 ms doubling to 4 s. */
  backoff?: BackoffPolicy;
  clock?: Clock;
  random?: () => number;
  /** Default: the platform's fetch. */
  fetch?: typeof fetch;
}

interface HttpRequestOptions {
  /** The caller's: aborting it rejects with its reason, whatever the client was doing. */
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Default GET. Only GET and HEAD are retried: anything else may have taken effect. */
  method?: string;
  body?: string;
}

/** The one way the platform calls other services over HTTP. */
export interface HttpClient {
  text(url: string, request?: HttpRequestOptions): Promise<string>;
  /** The body parsed as JSON; a body that is not JSON is an OutboundHttpError naming the host. */
  json(url: string, request?: HttpRequestOptions): Promise<unknown>;
  /**
   * fetch itself, with the User-Agent, the per-host limits and the timeout, but neither retries nor a
   * status check: for SDKs that make their requests themselves and bring their own retries (the AI SDK).
   */
  fetch: typeof fetch;
}

const RETRIED_STATUSES = [429, 502, 503, 504];
const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 4_000 };
/** Enough of an error answer's body for the log. */
const BODY_EXCERPT = 200;

function excerpt(data: unknown): string {
  return (typeof data === 'string' ? data : (JSON.stringify(data) ?? '')).slice(0, BODY_EXCERPT);
}

/**
 * Retries, the timeout and error bodies are ky's (on the platform's fetch); the waits between
 * tries are the clock's, so tests drive them, and the errors are ours, each naming the host.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { timeoutMs, clock = systemClock, random = Math.random, backoff = DEFAULT_BACKOFF } = options;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const buckets = new Map<string, RateLimit>(); // a client calls the few hosts it is configured with

  async function paced(host: string, signal: AbortSignal | undefined): Promise<void> {
    const limit = options.perHostRateLimit;
    if (!limit) return;
    let bucket = buckets.get(host);
    if (!bucket) {
      bucket = createRateLimit({ ...limit, clock });
      buckets.set(host, bucket);
    }
    await bucket.take(signal);
    signal?.throwIfAborted();
  }

  function outboundError(err: unknown, host: string): unknown {
    if (err instanceof OutboundHttpError) return err;
    if (isHTTPError(err)) {
      const { status, headers } = err.response;
      const asked = retryAfterMs(status, headers, clock.now());
      return new HttpStatusError(host, status, { retryAfterMs: asked, body: excerpt(err.data) });
    }
    if (isTimeoutError(err)) return new HttpTimeoutError(host, timeoutMs);
    if (isNetworkError(err)) return new HttpConnectionError(host, err.cause);
    // undici's word for a connection that broke while the body was being read.
    if (err instanceof TypeError && err.message === 'terminated') return new HttpConnectionError(host, err);
    return err;
  }

  // What is retried, worked out once rather than per request.
  const retriedMethods = options.retryOn?.methods.map((m) => m.toLowerCase()) ?? ['get', 'head'];
  const retriedStatuses = options.retryOn ? [...options.retryOn.statuses] : RETRIED_STATUSES;

  async function exchange(url: string, request: HttpRequestOptions, accept: string): Promise<string> {
    const { host } = new URL(url);
    const { signal } = request;
    await paced(host, signal);
    const started = clock.now();
    // Before each retry: the backoff or the answer's Retry-After, whichever is longer, then the host's token.
    // A wait that would outlast the timeout is not taken: the error goes to the caller with its Retry-After.
    const beforeRetry = async ({ request: attempt, error, retryCount }: BeforeRetryState) => {
      const failure = outboundError(error, host);
      const asked = failure instanceof HttpStatusError ? (failure.retryAfterMs ?? 0) : 0;
      const wait = Math.max(backoffDelay(retryCount, backoff, random), asked);
      if (clock.now() - started + wait >= timeoutMs) throw failure;
      await clock.sleep(wait, attempt.signal);
      await paced(host, attempt.signal);
    };
    try {
      return await ky(url, {
        method: request.method ?? 'GET',
        headers: withUserAgent({ accept, ...options.headers, ...request.headers }),
        body: request.body,
        signal,
        timeout: false,
        totalTimeout: timeoutMs,
        retry: {
          limit: options.retries ?? 2,
          methods: retriedMethods,
          statusCodes: retriedStatuses,
          // ky waits nothing itself: beforeRetry waits, on the clock.
          afterStatusCodes: [],
          delay: () => 0,
        },
        hooks: { beforeRetry: [beforeRetry] },
        fetch: baseFetch,
      }).text();
    } catch (err) {
      throw signal?.aborted ? signal.reason : outboundError(err, host);
    }
  }

  return {
    text: (url, request = {}) => exchange(url, request, '*/*'),
    async json(url, request = {}) {
      const body = await exchange(url, request, 'application/json');
      try {
        return JSON.parse(body);
      } catch {
        const { host } = new URL(url);
        throw new OutboundHttpError(host, `${host} answered with something that is not JSON`);
      }
    },
    async fetch(input, init) {
      const url = new URL(input instanceof Request ? input.url : input);
      const signal = init?.signal ?? undefined;
      await paced(url.host, signal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const headers = withUserAgent(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      return baseFetch(input, { ...init, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    },
  };
}
