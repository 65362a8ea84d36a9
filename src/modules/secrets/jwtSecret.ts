import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { importPKCS8, importSPKI } from 'jose';
import type { SigningKeys } from '../../core/auth/keys.ts';

/** The fields of `jwt`: the RS256 key pair tokens are verified (and, with the private key, signed) with. */
export const JWT_FIELDS = ['public_key', 'private_key'] as const;

/** jose refuses an RS256 key with a shorter modulus, when it signs or verifies. */
const MIN_MODULUS_BITS = 2048;

const PUBLIC_RULE = 'must be an RSA public key (2048 bits or more) in SPKI PEM (-----BEGIN PUBLIC KEY-----)';
const PRIVATE_RULE = 'must be an RSA private key (2048 bits or more) in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)';

/** The key a PEM holds when it is an RSA key of `header`'s kind, large enough; undefined otherwise. */
function rsaKey(pem: unknown, header: string, make: (pem: string) => KeyObject): KeyObject | undefined {
  // jose's importSPKI and importPKCS8 read nothing else: the header first, no PKCS#1 (BEGIN RSA …) nor a certificate.
  if (typeof pem !== 'string' || !pem.startsWith(`-----BEGIN ${header}-----`)) return undefined;
  try {
    const key = make(pem);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return key.asymmetricKeyType === 'rsa' && bits >= MIN_MODULUS_BITS ? key : undefined;
  } catch {
    return undefined;
  }
}

const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });

/**
 * What is wrong with a `jwt` secret's fields, one entry per field at fault with what it must be, never a value:
 * none when `public_key` is an RS256 public key and `private_key`, when given, its private key (a private key of
 * another pair would sign tokens no node accepts).
 */
export function jwtSecretProblems(data: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const publicKey = rsaKey(data.public_key, 'PUBLIC KEY', (pem) => createPublicKey(pem));
  if (!publicKey) problems.push(`field public_key ${PUBLIC_RULE}`);
  if (data.private_key === undefined) return problems;
  const privateKey = rsaKey(data.private_key, 'PRIVATE KEY', (pem) => createPrivateKey(pem));
  if (!privateKey) problems.push(`field private_key ${PRIVATE_RULE}`);
  else if (publicKey && !spki(createPublicKey(privateKey)).equals(spki(publicKey)))
    problems.push('field private_key must be the private key of public_key (they are of two pairs)');
  return problems;
}

/** A `jwt` secret whose keys cannot be used: its message names the version and the fields at fault, never a value. */
export class JwtSecretError extends Error {
  readonly version: number;
  readonly problems: string[];
  constructor(version: number, problems: string[]) {
    super(`jwt (version ${version}): ${problems.join('; ')}`);
    this.version = version;
    this.problems = problems;
  }
}

/** The signing keys of the `jwt` secret's `version`, or a JwtSecretError saying what is wrong with it. */
export async function jwtKeysOf(data: Readonly<Record<string, unknown>>, version: number): Promise<SigningKeys> {
  const problems = jwtSecretProblems(data);
  if (problems.length) throw new JwtSecretError(version, problems);
  const { public_key, private_key } = data as { public_key: string; private_key?: string };
  try {
    return {
      publicKey: await importSPKI(public_key, 'RS256'),
      privateKey: private_key ? await importPKCS8(private_key, 'RS256') : undefined,
      source: 'secrets',
    };
  } catch {
    // What node:crypto read, WebCrypto did not: said as the same rules, never with the library's words.
    throw new JwtSecretError(version, ['field public_key or private_key cannot be imported as an RS256 key']);
  }
}
