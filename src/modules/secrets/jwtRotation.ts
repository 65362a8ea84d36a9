import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { KvEngine } from './backend.ts';

const generate = promisify(generateKeyPair);

/**
 * A new RS256 key pair written as the next version of `jwt`: every node signs with it from its next
 * refresh (SECRETS_REFRESH_SECONDS), and the pair before keeps verifying for JWT_KEY_GRACE_SECONDS.
 * Answers the version written.
 */
export async function rotateJwtKeys(kv: KvEngine): Promise<number> {
  const { publicKey, privateKey } = await generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return (await kv.put('jwt', { public_key: publicKey, private_key: privateKey })).version;
}
