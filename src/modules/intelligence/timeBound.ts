import { z } from 'zod';
import { INSTANT_FORMAT, INSTANT_RANGE, instantSchema, isSaneInstant } from '../../core/instant.ts';

const DAY_MS = 86_400_000;
const day = z.iso.date();
const instant = instantSchema(`must be ${INSTANT_FORMAT}, or a date (YYYY-MM-DD, UTC)`);

/**
 * A time window's bound, as an ISO instant: a date-time as given, or a whole UTC day. A day as
 * `since` starts at its midnight; as `until` (exclusive) it ends at the next midnight, so
 * `since=2026-01-31&until=2026-01-31` is all of that day.
 */
export const timeBound = (edge: 'start' | 'end') =>
  z.string().transform((text, ctx) => {
    if (!day.safeParse(text).success) {
      const parsed = instant.safeParse(text);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]!.message });
      return z.NEVER;
    }
    const ms = Date.parse(`${text}T00:00:00Z`) + (edge === 'end' ? DAY_MS : 0);
    if (!isSaneInstant(ms)) {
      ctx.addIssue({ code: 'custom', message: `must be ${INSTANT_RANGE}` });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });
