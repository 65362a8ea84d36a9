import { sql } from 'drizzle-orm';

/**
 * A text[] parameter sent as one array literal: binding a few thousand values one by one costs more
 * than the query that reads them.
 */
export const textArray = (values: readonly string[]) =>
  sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
