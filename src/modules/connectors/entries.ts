import type { z } from 'zod';
import type { SkippedEntry } from './types.ts';

/** The first problem zod found, as one line naming the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** Keeps the entries that match `schema`; every other one becomes a skip naming its id and the problem. */
export function parseEntries<T>(
  entries: unknown[],
  schema: z.ZodType<T>,
  label: (entry: unknown, index: number) => string,
): { valid: T[]; skipped: SkippedEntry[] } {
  const valid: T[] = [];
  const skipped: SkippedEntry[] = [];
  entries.forEach((entry, index) => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) valid.push(parsed.data);
    else skipped.push({ entry: label(entry, index), reason: describeIssue(parsed.error) });
  });
  return { valid, skipped };
}

/** `id` of a JSON entry when it has one, else its position: enough to find it in a log. */
export function entryLabel(entry: unknown, index: number): string {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${index}`;
}
