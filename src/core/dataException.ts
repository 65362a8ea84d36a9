import { rootCause } from './dependencyErrors.ts';

/**
 * The SQLSTATE when the database refused a value (class 22, data exception:
 * bad encoding, a NUL, a date out of range): storing the same value again
 * cannot succeed, unlike an outage, so whoever stores it should skip it.
 */
export function dataException(err: unknown): string | null {
  const code = (rootCause(err) as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22') ? code : null;
}
