import { describe, expect, it } from 'vitest';
import { instantSchema, isSaneInstant } from './instant.ts';

describe('sane instants', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');

  it('lie between 2000-01-01 and a year from now', () => {
    expect(isSaneInstant(Date.parse('2000-01-01T00:00:00Z'), now)).toBe(true);
    expect(isSaneInstant(Date.parse('2027-05-31T00:00:00Z'), now)).toBe(true);
    expect(isSaneInstant(Date.parse('1999-12-31T23:59:59Z'), now)).toBe(false);
    expect(isSaneInstant(Date.parse('2027-06-03T00:00:00Z'), now)).toBe(false);
    expect(isSaneInstant(Number.NaN, now)).toBe(false);
  });

  it('are ISO 8601 date-times with an offset in the schema; year 0000 and five-digit years are not', () => {
    const schema = instantSchema();
    expect(schema.safeParse('2026-03-01T12:00:00+02:00').success).toBe(true);
    for (const text of [
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      '99999-12-31T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2026-03-01',
      'yesterday',
    ]) {
      expect(schema.safeParse(text).success, text).toBe(false);
    }
  });

  it('tell a client that left the offset out what is missing', () => {
    const refused = instantSchema().safeParse('2026-03-01T12:00:00');
    expect(refused.error?.issues[0]?.message).toBe(
      'must be an ISO 8601 date-time with its offset (2026-03-01T12:00:00Z or …+02:00)',
    );
  });
});
