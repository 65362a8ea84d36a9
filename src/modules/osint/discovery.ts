import type { TokenWindowCounts } from '../intelligence/index.ts';

/** The baseline is this many windows just before the current one. */
export const BASELINE_WINDOWS = 4;
/** Mentions per window at least this many times the token's own baseline count as rising. */
const RISING_VELOCITY = 1.5;

export interface Discovery {
  token: string;
  mentions: number;
  baselinePerWindow: number;
  /** (mentions + 1) / (baseline per window + 1): smoothed so one stray mention is not infinite growth. */
  velocity: number;
  /** Never mentioned before this window. */
  firstSeen: boolean;
  firstMentionAt: Date;
}

/**
 * Tokens worth a look: those first seen in the window and those whose
 * mentions rose fastest against their own baseline, fastest first.
 */
export function rankDiscoveries(
  counts: readonly TokenWindowCounts[],
  seenBefore: ReadonlySet<string>,
  limit: number,
): Discovery[] {
  return counts
    .map((c) => {
      const baselinePerWindow = c.baseline / BASELINE_WINDOWS;
      return {
        token: c.token,
        mentions: c.current,
        baselinePerWindow,
        velocity: (c.current + 1) / (baselinePerWindow + 1),
        firstSeen: c.baseline === 0 && !seenBefore.has(c.token),
        firstMentionAt: c.firstInWindow,
      };
    })
    .filter((d) => d.firstSeen || d.velocity >= RISING_VELOCITY)
    .sort((a, b) => b.velocity - a.velocity || b.mentions - a.mentions || a.token.localeCompare(b.token))
    .slice(0, limit);
}
