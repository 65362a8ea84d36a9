import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JwtSecretError, jwtKeysOf, jwtSecretProblems } from './jwtSecret.ts';

const pem = {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
} as const;
const rsa = (modulusLength: number) => generateKeyPairSync('rsa', { modulusLength, ...pem });
const pair = rsa(2048);
const other = rsa(2048);
const sound = { public_key: pair.publicKey, private_key: pair.privateKey };

describe('jwtSecretProblems', () => {
  it('finds none in an RS256 pair, nor in its public key alone', () => {
    expect(jwtSecretProblems(sound)).toEqual([]);
    expect(jwtSecretProblems({ public_key: pair.publicKey })).toEqual([]);
  });

  it('names each field at fault with what it must be, never its value', () => {
    const publicRule =
      'field public_key must be an RSA public key (2048 bits or more) in SPKI PEM (-----BEGIN PUBLIC KEY-----)';
    const privateRule =
      'field private_key must be an RSA private key (2048 bits or more) in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)';
    expect(jwtSecretProblems({ public_key: 'notapem' })).toEqual([publicRule]);
    expect(jwtSecretProblems({})).toEqual([publicRule]);
    expect(jwtSecretProblems({ public_key: 'notapem', private_key: 'notapem either' })).toEqual([
      publicRule,
      privateRule,
    ]);
    // The header alone, a key of another kind or size, PKCS#1 and a key where the other belongs are refused too.
    expect(jwtSecretProblems({ public_key: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' })).toEqual([
      publicRule,
    ]);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', ...pem });
    expect(jwtSecretProblems({ public_key: ec.publicKey, private_key: ec.privateKey })).toEqual([
      publicRule,
      privateRule,
    ]);
    const small = rsa(1024);
    expect(jwtSecretProblems({ public_key: small.publicKey, private_key: small.privateKey })).toEqual([
      publicRule,
      privateRule,
    ]);
    const pkcs1 = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    expect(jwtSecretProblems({ public_key: pkcs1.publicKey, private_key: pkcs1.privateKey })).toEqual([
      publicRule,
      privateRule,
    ]);
    expect(jwtSecretProblems({ public_key: pair.privateKey, private_key: pair.publicKey })).toEqual([
      publicRule,
      privateRule,
    ]);
    expect(jwtSecretProblems({ public_key: pair.publicKey, private_key: '' })).toEqual([privateRule]);
  });

  it('refuses a private key of another pair, which would sign tokens no node accepts', () => {
    expect(jwtSecretProblems({ public_key: pair.publicKey, private_key: other.privateKey })).toEqual([
      'field private_key must be the private key of public_key (they are of two pairs)',
    ]);
  });
});

describe('jwtKeysOf', () => {
  it('answers the signing keys of a sound pair', async () => {
    const keys = await jwtKeysOf(sound, 3);
    expect(keys.source).toBe('secrets');
    expect(keys.privateKey).toBeDefined();
  });

  it('refuses a malformed version naming it and the fields, not with the library words nor the value', async () => {
    const refusal = await jwtKeysOf({ public_key: 'notapem' }, 2).catch((err: Error) => err);
    expect(refusal).toBeInstanceOf(JwtSecretError);
    expect((refusal as Error).message).toBe(
      'jwt (version 2): field public_key must be an RSA public key (2048 bits or more) in SPKI PEM (-----BEGIN PUBLIC KEY-----)',
    );
    const leaked = await jwtKeysOf({ public_key: pair.publicKey, private_key: other.privateKey }, 4).catch(
      (err: Error) => err,
    );
    expect((leaked as Error).message).toMatch(/^jwt \(version 4\): field private_key must be the private key/);
    expect((leaked as Error).message).not.toContain('BEGIN PRIVATE');
  });
});
