import { VAULT_PATH } from '../../core/config.ts';
import { InvalidArgumentError } from '../../core/domainErrors.ts';

/** A KV path as the store names it (`jwt`, `exchanges/binance`): the Vault path configuration accepts. */
export const isSecretPath = (path: string) => VAULT_PATH.test(path);

/** The path, or an InvalidArgumentError naming `path`. */
export function checkedPath(path: string): string {
  if (!isSecretPath(path))
    throw new InvalidArgumentError('must look like jwt or exchanges/binance (letters, digits, _ . -)', {
      field: 'path',
    });
  return path;
}
