import { formatUnits } from 'viem';

/**
 * Made once (a number format costs more to build than to use): four
 * significant digits, or every digit of the integer part when it has more
 * (`23.85`, `0.0001235`, `1,234,568`), never a float's or a division's noise.
 */
const amountFormat = new Intl.NumberFormat('en-US', {
  maximumSignificantDigits: 4,
  maximumFractionDigits: 0,
  roundingPriority: 'morePrecision',
});

/** A number for people to read, with a sensible number of digits: `23.85`, not `23.849999999999999993`. */
export const formatNumber = (value: number): string => amountFormat.format(value);

/** An on-chain amount (`value` in the smallest unit, `decimals` of them to the whole coin) for people to read. */
export const formatAmount = (value: bigint, decimals: number): string =>
  formatNumber(Number(formatUnits(value, decimals)));
