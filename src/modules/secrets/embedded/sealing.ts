import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM as Vault's transit engine lays it out: a 12-byte nonce, the ciphertext, the 16-byte tag.
 * `context` is authenticated but not stored (GCM's additional data): a value sealed for one path or
 * key cannot be passed off as another's.
 */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function sealBytes(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Throws SealError when the bytes were not sealed with this key and context (or were altered). */
export function openBytes(key: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new SealError();
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealError();
  }
}

/** Text stored in the database: sealed bytes in base64. */
export const seal = (key: Buffer, plaintext: string, context: string) =>
  sealBytes(key, Buffer.from(plaintext, 'utf8'), context).toString('base64');

export const unseal = (key: Buffer, sealed: string, context: string) =>
  openBytes(key, Buffer.from(sealed, 'base64'), context).toString('utf8');

export class SealError extends Error {
  override name = 'SealError';
  constructor() {
    super('cannot open a sealed value: another key sealed it, or it was altered');
  }
}
