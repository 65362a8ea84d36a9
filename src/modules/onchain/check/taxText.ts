import { formatNumber } from '../../../core/displayAmount.ts';

/**
 * A simulated tax for people to read: `sell tax 12.5%`, or `sell tax unknown`
 * when the simulation could not measure it (no sale went through), never a
 * bare `?` or `unknown%`.
 */
export const taxText = (label: string, pct: number | null): string =>
  `${label} ${pct === null ? 'unknown' : `${formatNumber(pct)}%`}`;
