import type { TransitEngine } from './backend.ts';
import { isCiphertext, parseCiphertext } from './transitFormat.ts';

/** Items per transit call: bounds one Vault request (a chat answer's tool results can be tens of KB each). */
const BATCH_ITEMS = 128;

/**
 * Encryption at rest for other modules: their values go to the database as transit ciphertext
 * (`vault:v<N>:…`) under the platform's key, and come back as plaintext when read. Every call is one
 * transit batch (`batch_input`) per BATCH_ITEMS values, so a module hands over all the values of a
 * write or a read at once.
 */
export interface TextCipher {
  encrypt(plaintexts: readonly string[]): Promise<string[]>;
  /**
   * The plaintexts of stored values. A value that is not a ciphertext was written before encryption at
   * rest and is answered as it is (`secrets rewrap` encrypts those).
   */
  decrypt(stored: readonly string[]): Promise<string[]>;
}

/**
 * Brings stored values to the key's `newest` version: plaintext is encrypted, older ciphertext rewrapped
 * (Vault never reveals the plaintext of those to the platform); values at `newest` are answered as they are.
 */
export type Reseal = (stored: readonly string[], newest: number) => Promise<string[]>;

async function inBatches(values: readonly string[], run: (batch: string[]) => Promise<string[]>) {
  const out: string[] = [];
  for (let i = 0; i < values.length; i += BATCH_ITEMS) out.push(...(await run(values.slice(i, i + BATCH_ITEMS))));
  return out;
}

/** Runs `run` on the values `pick` selects, in one batch, and answers every value with theirs replaced. */
async function onSome(
  values: readonly string[],
  pick: (value: string) => boolean,
  run: (batch: string[]) => Promise<string[]>,
): Promise<string[]> {
  const picked = values.filter(pick);
  if (!picked.length) return [...values];
  const done = await inBatches(picked, run);
  return values.map((value) => (pick(value) ? done.shift()! : value));
}

export function createCipher(transit: TransitEngine, key: string): TextCipher & { reseal: Reseal } {
  const encrypt = (plaintexts: readonly string[]) =>
    plaintexts.length ? inBatches(plaintexts, (batch) => transit.encrypt(key, batch)) : Promise.resolve([]);
  return {
    encrypt,
    decrypt: (stored) => onSome(stored, isCiphertext, (batch) => transit.decrypt(key, batch)),
    async reseal(stored, newest) {
      const isStale = (value: string) => isCiphertext(value) && parseCiphertext(value).version < newest;
      const rewrapped = await onSome(stored, isStale, (batch) => transit.rewrap(key, batch));
      return onSome(rewrapped, (value) => !isCiphertext(value), encrypt);
    },
  };
}
