import { InvalidArgumentError } from '../../core/domainErrors.ts';

/**
 * A KV path as the store names it (`jwt`, `exchanges/binance`): segments of letters, digits, `_`, `.`
 * and `-`, none of them `.` or `..`, which a URL would resolve into another Vault path.
 */
const SECRET_PATH = /^(?!(.*\/)?\.{1,2}(\/|$))[\w.-]+(\/[\w.-]+)*$/;

export const isSecretPath = (path: string) => SECRET_PATH.test(path);

/** The path, or an InvalidArgumentError naming `path`. */
export function checkedPath(path: string): string {
  if (!isSecretPath(path))
    throw new InvalidArgumentError('path: must look like jwt or exchanges/binance (letters, digits, _ . -)', {
      field: 'path',
    });
  return path;
}
