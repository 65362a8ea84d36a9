/** An outgoing request failed. `host` names the service, so the caller's own message can too. */
export class OutboundHttpError extends Error {
  override name = 'OutboundHttpError';
  readonly host: string;
  constructor(host: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.host = host;
  }
}

/**
 * The service answered with a status outside 2xx. `retryAfterMs` is how long it
 * asked to be left alone: the poll loop waits at least that long (core/pollLoop.ts).
 */
export class HttpStatusError extends OutboundHttpError {
  override name = 'HttpStatusError';
  readonly status: number;
  readonly retryAfterMs?: number;
  /** The start of the answer's body, for the log: services often say there what went wrong. */
  readonly body: string;
  constructor(host: string, status: number, options: { retryAfterMs?: number; body?: string } = {}) {
    super(host, `${host} answered ${status}`);
    this.status = status;
    this.retryAfterMs = options.retryAfterMs;
    this.body = options.body ?? '';
  }
}

/** The exchange, the answer's body included, took longer than the client's timeout. */
export class HttpTimeoutError extends OutboundHttpError {
  override name = 'HttpTimeoutError';
  readonly timeoutMs: number;
  constructor(host: string, timeoutMs: number) {
    super(host, `${host} did not answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** No connection could be made, or it broke before the answer was read. */
export class HttpConnectionError extends OutboundHttpError {
  override name = 'HttpConnectionError';
  constructor(host: string, cause: unknown) {
    super(host, `${host} could not be reached: ${describeCause(cause)}`, { cause });
  }
}

/** fetch says "fetch failed" and keeps the reason (ECONNREFUSED, a reset…) in its cause. */
function describeCause(err: unknown): string {
  const error = err as Error & { cause?: unknown };
  const inner = error.cause instanceof Error ? error.cause : undefined;
  return inner ? `${error.message} (${inner.message})` : String(error.message ?? err);
}
