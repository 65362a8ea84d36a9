import { rootCause } from '../../../core/dependencyErrors.ts';

/** PostgreSQL refused a row whose key exists (SQLSTATE 23505): two writers made the same one at once. */
export const isUniqueViolation = (err: unknown) => (rootCause(err) as { code?: unknown } | null)?.code === '23505';
