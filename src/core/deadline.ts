/**
 * Settles with `work`, or rejects with the signal's reason as soon as the
 * signal aborts, whether or not the work itself listens to it: a handler that
 * ignores its signal still cannot hold a call past its timeout.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    // Subscribed even when the signal had already aborted: work that then fails (a handler that saw the
    // aborted signal and rejected at once) would otherwise be an unhandled rejection.
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export interface Deadline {
  /** Aborts when the caller's signal does, or once the time is up. */
  signal: AbortSignal;
  /** Whether it was the time that ran out. */
  readonly expired: boolean;
  /** The work is over: drops the timer and the link to the caller's signal. */
  clear(): void;
}

/**
 * A time limit joined to a caller's signal, for work that ends before the
 * limit is reached far more often than not. AbortSignal.timeout with
 * AbortSignal.any does the same, but its timer runs (and allocates an
 * error) long after every call that finished in time, and the composite
 * signal is costly on a path taken per request.
 */
export function deadline(ms: number, caller?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const onCallerAbort = () => controller.abort(caller!.reason);
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no result within ${ms} ms`, 'TimeoutError'));
  }, ms);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** A piece of work that did not finish in the time it was given. */
class DeadlineExceeded extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Resolves or rejects as `work` does, or rejects with DeadlineExceeded after
 * `ms`. The work itself is not cancelled (most drivers offer no way to): use
 * it where giving up waiting is what matters, as in a shutdown.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  const limit = deadline(ms);
  try {
    return await untilAborted(work, limit.signal);
  } catch (err) {
    throw limit.expired ? new DeadlineExceeded(what, ms) : err;
  } finally {
    limit.clear();
  }
}
