import { describe, expect, it } from 'vitest';
import { queryBoolean, queryDecimal, queryInteger } from './queryValues.ts';

describe('query values', () => {
  it('reads an integer written in decimal digits, within its bounds', () => {
    const size = queryInteger(1, 100);
    expect(size.parse('20')).toBe(20);
    expect(size.parse('007')).toBe(7);
    expect(size.safeParse('101').success).toBe(false);
    expect(size.safeParse('0').success).toBe(false);
  });

  it.each(['0x10', ' 1', '1 ', '1e1', '', '1.0', '+1', '-1', 'Infinity'])('refuses the integer %j', (value) => {
    expect(queryInteger(0, 100).safeParse(value).error?.issues[0]?.message).toBe(
      'must be a whole number in decimal digits',
    );
  });

  it('reads a decimal number, refusing other notations', () => {
    const pct = queryDecimal(0, 100);
    expect(pct.parse('0.5')).toBe(0.5);
    expect(pct.parse('2')).toBe(2);
    for (const value of ['0x10', ' 1', '1e1', '', '.5', 'NaN'])
      expect(pct.safeParse(value).error?.issues[0]?.message).toBe('must be a number in decimal notation');
    expect(pct.safeParse('-1').success).toBe(false);
  });

  it('reads true and false only', () => {
    expect(queryBoolean().parse('true')).toBe(true);
    expect(queryBoolean().parse('false')).toBe(false);
    for (const value of ['yes', 'no', 'on', 'off', '1', '0', 'TRUE', ''])
      expect(queryBoolean().safeParse(value).error?.issues[0]?.message).toBe('must be true or false');
  });
});
