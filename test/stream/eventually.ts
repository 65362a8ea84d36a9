/**
 * Polls `check` until it returns without throwing, then returns its result.
 * Lets a test wait for something that happens across processes or sockets
 * without sleeping a fixed time; gives up (with the last failure) after `timeoutMs`.
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
