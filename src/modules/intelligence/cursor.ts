/**
 * Keyset position in the feed: the (published_at, id) of the last item a page
 * returned. Opaque to clients (base64url) so its format can change freely.
 */
export interface FeedPosition {
  publishedAt: Date;
  id: string;
}

/**
 * Cursors carry the times of stored items; past year 9999 a Date serialises
 * as `+010000-…`, which PostgreSQL cannot read, and past year 275760 it is
 * invalid, so a forged time there is no cursor this server issued.
 */
const CURSOR_TIME_END_MS = Date.UTC(10_000, 0, 1);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`${position.publishedAt.getTime()}:${position.id}`).toString('base64url');
}

/** Returns null for anything that is not a cursor this server issued. */
export function decodeCursor(cursor: string): FeedPosition | null {
  const [millis, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (rest.length || !id || !UUID.test(id) || !/^\d{1,15}$/.test(millis ?? '')) return null;
  if (Number(millis) >= CURSOR_TIME_END_MS) return null;
  return { publishedAt: new Date(Number(millis)), id };
}
