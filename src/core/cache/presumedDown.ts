/**
 * After a Redis command gets no answer within its timeout, the connection is
 * presumed partitioned for a short while: calls fail at once instead of each
 * waiting out the timeout again (a feed request makes several cache calls in
 * a row), and the first call after the pause tries Redis again.
 */
export const PRESUMED_DOWN_MS = 2_000;

export const PRESUMED_DOWN_MESSAGE = 'Redis presumed unreachable: a command timed out moments ago';

export type Guard = <T>(command: () => Promise<T>) => Promise<T>;

export function presumedDownAfterTimeout(now: () => number = Date.now): Guard {
  let downUntil = 0;
  return async (command) => {
    if (now() < downUntil) throw new Error(PRESUMED_DOWN_MESSAGE);
    try {
      return await command();
    } catch (err) {
      // ioredis's message for commandTimeout.
      if ((err as Error).message === 'Command timed out') downUntil = now() + PRESUMED_DOWN_MS;
      throw err;
    }
  };
}
