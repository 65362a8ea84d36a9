/**
 * Settles with `work`, or rejects with the signal's reason as soon as the
 * signal aborts, whether or not the work itself listens to it: a handler that
 * ignores its signal still cannot hold a call past its timeout.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
