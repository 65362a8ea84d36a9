import { z } from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MIN_MS = 5 * UNIT_MS.m;
const MAX_MS = 30 * UNIT_MS.d;

/** A look-back window such as `15m`, `6h`, `24h` or `7d` (5 minutes to 30 days), in milliseconds. */
export const lookBackWindow = z
  .string()
  .trim()
  // Any count: a window of the right form but out of range (99999d) is told the range, not the form.
  .regex(/^\d+[mhd]$/, 'must look like 30m, 6h or 7d')
  .transform((v) => Number(v.slice(0, -1)) * UNIT_MS[v.at(-1) as keyof typeof UNIT_MS])
  .refine((ms) => ms >= MIN_MS && ms <= MAX_MS, 'must be between 5m and 30d');
