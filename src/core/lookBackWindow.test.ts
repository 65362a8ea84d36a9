import { describe, expect, it } from 'vitest';
import { lookBackWindow } from './lookBackWindow.ts';

const refusal = (input: string) => lookBackWindow.safeParse(input).error?.issues[0]?.message;

describe('lookBackWindow', () => {
  it('reads minutes, hours and days as milliseconds, from 5m to 30d', () => {
    expect(lookBackWindow.parse('5m')).toBe(300_000);
    expect(lookBackWindow.parse(' 6h ')).toBe(21_600_000);
    expect(lookBackWindow.parse('30d')).toBe(2_592_000_000);
  });

  it('tells a window of the right form but out of range the range, and anything else the form', () => {
    for (const input of ['4m', '31d', '99999d', '0h', `${'9'.repeat(400)}d`]) {
      expect(refusal(input), input).toBe('must be between 5m and 30d');
    }
    for (const input of ['forever', '7', '7w', '-1d', '1.5h', '']) {
      expect(refusal(input), input).toBe('must look like 30m, 6h or 7d');
    }
  });
});
