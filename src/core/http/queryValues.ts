import { z } from 'zod';

/**
 * Query-string values, read strictly. `z.coerce` goes through `Number()` and would take `0x10`, ` 1`,
 * `1e2` or an empty value (0); a parameter read that way answers something the client did not ask for.
 */

/** A whole number in decimal digits, between `min` and `max`. */
export const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'must be a whole number in decimal digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** A number in decimal notation (`2`, `0.5`), between `min` and `max`. */
export const queryDecimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,16}(\.\d{1,16})?$/, 'must be a number in decimal notation')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

/** `true` or `false`, as the README documents: not yes/no/on/off/1/0. */
export const queryBoolean = () =>
  z.stringbool({ truthy: ['true'], falsy: ['false'], case: 'sensitive', error: 'must be true or false' });
