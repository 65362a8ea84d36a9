import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { notFound, ok, vaultError, type VaultAnswer, type VaultRequest } from './answers.ts';

/** aes256-gcm96 as Vault lays out its ciphertexts: `vault:v<N>:` + base64(nonce ‖ ciphertext ‖ tag). */
function encrypt(key: Buffer, plaintext: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(key: Buffer, bytes: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
}

type Item = Record<string, unknown>;
type ItemResult = Record<string, unknown> | { error: string };

/**
 * Transit (https://developer.hashicorp.com/vault/api-docs/secret/transit): keys with versions,
 * encrypt (which makes a missing key), decrypt, rewrap and rotate, one item or `batch_input`.
 * A batch with a failed item answers 400 with every item's result, as Vault does by default, or the
 * status `partial_failure_response_code` names.
 */
export function createTransitEngine(now: () => number) {
  const keys = new Map<string, { versions: Buffer[]; created: number[] }>();

  const keyInfo = (name: string) => {
    const key = keys.get(name)!;
    return ok({
      data: {
        name,
        type: 'aes256-gcm96',
        latest_version: key.versions.length,
        min_decryption_version: 1,
        min_encryption_version: 0,
        deletion_allowed: false,
        exportable: false,
        keys: Object.fromEntries(key.created.map((at, i) => [String(i + 1), Math.floor(at / 1000)])),
      },
    });
  };

  function addVersion(name: string) {
    const key = keys.get(name) ?? { versions: [], created: [] };
    key.versions.push(randomBytes(32));
    key.created.push(now());
    keys.set(name, key);
  }

  function open(name: string, ciphertext: unknown): Buffer | string {
    const match = typeof ciphertext === 'string' ? /^vault:v(\d+):(.+)$/.exec(ciphertext) : null;
    if (!match) return 'invalid ciphertext: no prefix';
    const key = keys.get(name)?.versions[Number(match[1]) - 1];
    if (!key) return 'invalid key version';
    try {
      return decrypt(key, Buffer.from(match[2]!, 'base64'));
    } catch {
      return 'cipher: message authentication failed';
    }
  }

  function seal(name: string, plaintext: Buffer): ItemResult {
    const key = keys.get(name)!;
    const version = key.versions.length;
    return {
      ciphertext: `vault:v${version}:${encrypt(key.versions[version - 1]!, plaintext).toString('base64')}`,
      key_version: version,
    };
  }

  const operations: Record<string, (name: string, item: Item) => ItemResult> = {
    encrypt(name, item) {
      if (typeof item.plaintext !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(item.plaintext))
        return { error: 'failed to base64-decode plaintext' };
      return seal(name, Buffer.from(item.plaintext, 'base64'));
    },
    decrypt(name, item) {
      const plaintext = open(name, item.ciphertext);
      return typeof plaintext === 'string' ? { error: plaintext } : { plaintext: plaintext.toString('base64') };
    },
    rewrap(name, item) {
      const plaintext = open(name, item.ciphertext);
      return typeof plaintext === 'string' ? { error: plaintext } : seal(name, plaintext);
    },
  };

  function batch(operation: string, name: string, body: Record<string, unknown>): VaultAnswer {
    if (!keys.has(name)) {
      if (operation !== 'encrypt') return vaultError(400, 'encryption key not found');
      addVersion(name);
    }
    const run = operations[operation]!;
    if (!Array.isArray(body.batch_input)) {
      const result = run(name, body);
      return 'error' in result ? vaultError(400, String(result.error)) : ok({ data: result });
    }
    const results = (body.batch_input as Item[]).map((item) => run(name, item));
    const failed = Number(body.partial_failure_response_code ?? 400);
    return { status: results.some((r) => 'error' in r) ? failed : 200, body: { data: { batch_results: results } } };
  }

  return {
    handle({ method, path, body }: VaultRequest): VaultAnswer {
      const [kind, name, action] = path.split('/');
      if (!name) return notFound;
      if (kind === 'keys' && method === 'GET' && !action) return keys.has(name) ? keyInfo(name) : notFound;
      if (kind === 'keys' && method === 'POST' && !action) {
        if (!keys.has(name)) addVersion(name);
        return keyInfo(name);
      }
      if (kind === 'keys' && method === 'POST' && action === 'rotate') {
        if (!keys.has(name)) return vaultError(400, 'key not found');
        addVersion(name);
        return keyInfo(name);
      }
      if (method === 'POST' && kind && kind in operations && !action) return batch(kind, name, body);
      return notFound;
    },
  };
}
