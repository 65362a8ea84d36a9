import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../../../core/config.ts';
import { makeDirectory } from '../../../core/makeDirectory.ts';

const generatedKeyFile = (config: Pick<Config, 'DATA_DIR'>) => join(config.DATA_DIR, 'keys', 'secrets-master.key');

/**
 * The key everything the embedded engine stores is sealed with: SECRETS_MASTER_KEY (base64, 32 bytes),
 * else a key generated once into DATA_DIR/keys with mode 0600 for development (the configuration
 * refuses that in production). Every node sharing a database needs the same key: set the variable.
 */
export function loadMasterKey(config: Pick<Config, 'SECRETS_MASTER_KEY' | 'DATA_DIR'>): Buffer {
  if (config.SECRETS_MASTER_KEY) return Buffer.from(config.SECRETS_MASTER_KEY.trim(), 'base64');
  const path = generatedKeyFile(config);
  if (!existsSync(path)) {
    // Owner-only, as `alphanest keys generate` makes it: whichever writes first sets the folder's mode.
    makeDirectory(dirname(path), 0o700);
    // `wx`: two processes starting at once keep the one key the first wrote.
    try {
      writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${path}: not a 32-byte key in base64; remove it to generate one`);
  return key;
}

/** Where loadMasterKey takes the key from, as an operator would look for it. */
export const masterKeySource = (config: Pick<Config, 'SECRETS_MASTER_KEY' | 'DATA_DIR'>): string =>
  config.SECRETS_MASTER_KEY ? 'SECRETS_MASTER_KEY' : `${generatedKeyFile(config)}, SECRETS_MASTER_KEY being unset`;
