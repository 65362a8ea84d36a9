import { parseEther } from 'viem';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatNumber } from './displayAmount.ts';

describe('amounts for people to read', () => {
  it('keep four significant digits, without a float’s or a division’s noise', () => {
    expect(formatAmount(23_849_999_999_999_999_993n, 18)).toBe('23.85');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatAmount(123_456n, 9)).toBe('0.0001235');
  });

  it('keep every digit of the integer part, and no needless zeros', () => {
    expect(formatAmount(parseEther('30'), 18)).toBe('30');
    expect(formatAmount(1_234_567_891n, 3)).toBe('1,234,568');
    expect(formatAmount(0n, 18)).toBe('0');
    expect(formatAmount(224_796_512n, 6)).toBe('224.8');
  });
});
