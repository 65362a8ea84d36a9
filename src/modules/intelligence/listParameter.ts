import { z } from 'zod';
import { truncateAtWord } from '../../core/truncate.ts';

/** How much of a refused value an error message quotes: enough to recognise it, not a 16 KB echo. */
const quoted = (value: string) => `"${truncateAtWord(value, 60)}"`;

/** A list as clients send it: one value, repeated values, or comma-separated ones (`a&a=b`, `a,b`). Blanks are dropped. */
const listInput = z.union([z.string(), z.array(z.string())], {
  error: 'must be a list: an array of strings or a comma-separated string',
});
const values = (input: string | string[]) =>
  (Array.isArray(input) ? input : [input])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);

/**
 * A list of allowed (lower-case) words, sorted and without repeats so equal selections are equal (one cache key).
 * Any letter case is taken (`Bullish` is `bullish`: what a person types from the docs' headings);
 * a word outside the list is refused with every allowed one named.
 */
export const wordList = <const Word extends string>(allowed: readonly Word[]) =>
  listInput.transform((input, ctx): Word[] => {
    const given = values(input);
    const unknown = given.find((word) => !(allowed as readonly string[]).includes(word.toLowerCase()));
    if (unknown !== undefined || !given.length) {
      ctx.addIssue({
        code: 'custom',
        message: `${unknown === undefined ? 'give at least one value' : `${quoted(unknown)} is not allowed`}: one or more of ${allowed.join(', ')}`,
      });
      return z.NEVER;
    }
    return [...new Set(given.map((word) => word.toLowerCase() as Word))].sort();
  });

/** A list of free-form values (tokens, agent ids), each checked by `item`, at most `max`; sorted and without repeats. */
export const valueList = (item: z.ZodType<string>, max: number) =>
  listInput.transform((input, ctx): string[] => {
    const found = [...new Set(values(input))].sort();
    if (!found.length || found.length > max) {
      ctx.addIssue({ code: 'custom', message: `give between 1 and ${max} values` });
      return z.NEVER;
    }
    for (const value of found) {
      const checked = item.safeParse(value);
      if (!checked.success) {
        ctx.addIssue({ code: 'custom', message: `${quoted(value)}: ${checked.error.issues[0]!.message}` });
        return z.NEVER;
      }
    }
    return found;
  });
