export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 10 * 60_000 };

/**
 * Delay before retry number `failures` (1, 2, …): exponential, capped, with
 * "equal jitter" (half fixed, half random) so connectors that failed together
 * do not all retry in the same instant.
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy = defaultBackoff,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
