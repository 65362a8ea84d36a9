import { z } from 'zod';

/**
 * The times the platform accepts from outside: nothing it stores or filters
 * on predates 2000-01-01 (crypto itself is younger), and nothing lies more
 * than a year ahead (scheduled seasons and wars, clock skew). The bound keeps
 * year 0000 and year 275760 — valid ISO 8601 and valid JavaScript dates, but
 * outside PostgreSQL's range — from ever reaching a query.
 */
const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1);
const MAX_AHEAD_MS = 366 * 24 * 3600 * 1000;

export const INSTANT_RANGE = 'between 2000-01-01 and one year from now';

export function isSaneInstant(ms: number, now = Date.now()): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_INSTANT_MS && ms <= now + MAX_AHEAD_MS;
}

/** What a date-time must look like: a time without its zone (`2026-03-01T12:00:00`) is ambiguous, and refused. */
export const INSTANT_FORMAT = 'an ISO 8601 date-time with its offset (2026-03-01T12:00:00Z or …+02:00)';

/** An ISO 8601 date-time with offset, within the sane range. */
export const instantSchema = (message = `must be ${INSTANT_FORMAT}`) =>
  z.iso
    .datetime({ offset: true, message })
    .refine((text) => isSaneInstant(Date.parse(text)), { message: `must be ${INSTANT_RANGE}` });

/**
 * How far ahead of this server's clock a publication time may be: a source's clock skew. More is not a time
 * anything was published (a scheduled unlock is dated by its post, not by the unlock), and the feed, its
 * newest first, would keep such an item on top until the date came.
 */
const PUBLISHED_AHEAD_MS = 3600 * 1000;

export const PUBLICATION_RANGE = 'between 2000-01-01 and an hour from now';

/** When an item was published: an instant (instantSchema) at most an hour ahead of this server's clock. */
export const publicationSchema = () =>
  instantSchema().refine((text) => Date.parse(text) <= Date.now() + PUBLISHED_AHEAD_MS, {
    message: `must be ${PUBLICATION_RANGE}`,
  });
