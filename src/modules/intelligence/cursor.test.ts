import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

const id = '3f2a8b4c-1d2e-4f60-8a7b-9c0d1e2f3a4b';
const forged = (text: string) => Buffer.from(text).toString('base64url');

describe('feed cursor', () => {
  it('decodes what it encoded', () => {
    const position = { publishedAt: new Date('2026-03-01T12:00:00.123Z'), id };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('is null for anything this server could not have issued, times PostgreSQL cannot read included', () => {
    const at = Date.parse('2026-03-01T12:00:00Z');
    for (const cursor of [
      forged(`999999999999999:${id}`),
      forged(`253402300800000:${id}`),
      forged(`99999999999999:${id}`), // year 5138: no item is dated there
      forged(`0${at}:${id}`), // a leading zero: not how this server writes one
      forged(`${at}:${id.toUpperCase()}`),
      `${forged(`${at}:${id}`)}=`, // padded: not canonical base64url
      forged(`946684799999:${id}`), // before 2000
      forged('1700000000000:not-a-uuid'),
      forged(`1700000000000:${id}:x`),
      forged(`-1:${id}`),
      '!!!',
      '',
      forged('\u0000:\u0000'),
    ]) {
      expect(decodeCursor(cursor), cursor).toBeNull();
    }
    expect(decodeCursor(forged(`${at}:${id}`))).toEqual({ publishedAt: new Date(at), id });
  });
});
