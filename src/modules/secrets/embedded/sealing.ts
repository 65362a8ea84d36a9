import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM as Vault's transit engine lays it out: a 12-byte nonce, the ciphertext, the 16-byte tag.
 * `context` is authenticated but not stored (GCM's additional data): a value sealed for one path or
 * key cannot be passed off as another's.
 */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Nonces drawn from the CSPRNG per call: one draw costs about as much as sealing a short text. */
const NONCES_PER_DRAW = 256;

/**
 * A key used for many values (a transit key version) is passed as a KeyObject: given raw bytes, every
 * cipher imports the key again, which costs more than the AES-GCM of a chat message.
 */
type SealingKey = Buffer | KeyObject;

let nonces = Buffer.alloc(0);
let nonceAt = 0;

/** A fresh random nonce, from a block drawn at once (random nonces, as before, only fewer calls for them). */
function nextNonce(): Buffer {
  if (nonceAt === nonces.length) {
    nonces = randomBytes(NONCE_BYTES * NONCES_PER_DRAW);
    nonceAt = 0;
  }
  nonceAt += NONCE_BYTES;
  return nonces.subarray(nonceAt - NONCE_BYTES, nonceAt);
}

export function sealBytes(key: SealingKey, plaintext: Buffer, context: string): Buffer {
  const nonce = nextNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Throws SealError when the bytes were not sealed with this key and context (or were altered). */
export function openBytes(key: SealingKey, sealed: Buffer, context: string): Buffer {
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
