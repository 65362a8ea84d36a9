import { isSaneInstant } from '../../core/instant.ts';

/**
 * Keyset position in the feed: the (published_at, id) of the last item a page
 * returned. Opaque to clients (base64url) so its format can change freely.
 */
export interface FeedPosition {
  publishedAt: Date;
  id: string;
}

/**
 * Cursors carry the times of stored items, which lie between 2000-01-01 and a year from now (isSaneInstant;
 * a year, not publicationSchema's hour, for items stored before that rule): a time outside is no cursor this
 * server issued, and would not be readable by PostgreSQL past year 9999 anyway.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`${position.publishedAt.getTime()}:${position.id}`).toString('base64url');
}

/**
 * Returns null for anything that is not a cursor this server could have issued: one written as encodeCursor
 * writes it (digits without a leading zero, a lower-case UUID, canonical base64url), at a time an item can have.
 * Cursors are not signed: a well-formed one at another position pages from there, as the filters could.
 */
export function decodeCursor(cursor: string): FeedPosition | null {
  const [millis, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (rest.length || !id || !UUID.test(id) || !/^[1-9]\d{0,14}$/.test(millis ?? '')) return null;
  const position = { publishedAt: new Date(Number(millis)), id };
  if (!isSaneInstant(position.publishedAt.getTime()) || encodeCursor(position) !== cursor) return null;
  return position;
}
