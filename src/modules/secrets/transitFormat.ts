import { InvalidArgumentError } from '../../core/domainErrors.ts';

/** Vault's ciphertext format, which the embedded engine writes too: `vault:v<key version>:<base64>`. */
const CIPHERTEXT = /^vault:v([1-9]\d{0,8}):([A-Za-z0-9+/]+={0,2})$/;

/** Whether `text` has the shape of a transit ciphertext (whether it opens is the key's to say). */
export const isCiphertext = (text: string) => CIPHERTEXT.test(text);

/** `bytes` are read where they lie: Buffer.from(bytes) would copy a sealed value (a chat answer's, kilobytes) first. */
export function formatCiphertext(version: number, bytes: Uint8Array): string {
  return `vault:v${version}:${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

/** The key version and bytes of a ciphertext; anything else is refused naming `ciphertext`. */
export function parseCiphertext(text: string): { version: number; bytes: Buffer } {
  const match = CIPHERTEXT.exec(text);
  if (!match)
    throw new InvalidArgumentError('not a transit ciphertext (vault:v<N>:<base64>)', {
      field: 'ciphertext',
    });
  return { version: Number(match[1]), bytes: Buffer.from(match[2]!, 'base64') };
}
