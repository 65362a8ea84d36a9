import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { makeDirectory } from '../makeDirectory.ts';

/** The file names of a key pair in its folder (JWT_PUBLIC_FILE and JWT_PRIVATE_FILE point at them). */
export const KEY_FILES = { public: 'jwt-public.pem', private: 'jwt-private.pem' } as const;

/** Refusing to replace a key file: a production key is never lost to a mistyped folder. */
export class KeyFileExistsError extends Error {}

/**
 * Generates an RS256 key pair into `dir` (made, owner-only, if missing): the private key (PKCS#8 PEM) readable by
 * its owner only (0600), the public key (SPKI PEM) by anyone. Without `overwrite`, a folder already holding either
 * file is refused before anything is written.
 */
export async function writeKeyPair(dir: string, { overwrite }: { overwrite: boolean }) {
  const files = { publicFile: join(dir, KEY_FILES.public), privateFile: join(dir, KEY_FILES.private) };
  const existing = Object.values(files).filter((file) => existsSync(file));
  if (!overwrite && existing.length) throw new KeyFileExistsError(`${existing.join(' and ')} already exist(s)`);
  const pair = await generateKeyPair('RS256', { extractable: true });
  makeDirectory(dir, 0o700);
  // `wx` also refuses a file made between the check and the write.
  const flag = overwrite ? 'w' : 'wx';
  writeFileSync(files.privateFile, await exportPKCS8(pair.privateKey), { mode: 0o600, flag });
  writeFileSync(files.publicFile, await exportSPKI(pair.publicKey), { mode: 0o644, flag });
  return files;
}
