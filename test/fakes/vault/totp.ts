import { Secret, TOTP } from 'otpauth';
import { noContent, ok, vaultError, type VaultAnswer, type VaultRequest } from './answers.ts';

/** A 1×1 PNG: Vault's `barcode` is a PNG of the URL's QR code, which no client here reads. */
const BARCODE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

/**
 * TOTP (https://developer.hashicorp.com/vault/api-docs/secret/totp): keys made with `generate=true`
 * answer their url and barcode; `code/<name>` validates with one period of skew and refuses a code
 * already used, as Vault does, with 400.
 */
export function createTotpEngine(now: () => number) {
  const keys = new Map<string, TOTP>();
  const used = new Map<string, number>();

  function create(name: string, body: Record<string, unknown>): VaultAnswer {
    if (body.generate !== true) return vaultError(400, 'this fake only makes keys with generate=true');
    if (typeof body.issuer !== 'string' || typeof body.account_name !== 'string' || !body.issuer || !body.account_name)
      return vaultError(400, 'the issuer and account_name are required to generate a key');
    const totp = new TOTP({
      issuer: body.issuer,
      label: body.account_name,
      secret: new Secret({ size: Number(body.key_size ?? 20) }),
      period: Number(body.period ?? 30),
      digits: Number(body.digits ?? 6),
      algorithm: 'SHA1',
    });
    keys.set(name, totp);
    return body.exported === false ? noContent : ok({ data: { barcode: BARCODE, url: totp.toString() } });
  }

  function validate(name: string, body: Record<string, unknown>): VaultAnswer {
    const totp = keys.get(name);
    if (!totp) return vaultError(400, `unknown key: ${name}`);
    const code = String(body.code ?? '');
    const usedUntil = used.get(`${name}:${code}`);
    if (usedUntil !== undefined && usedUntil > now())
      return vaultError(400, 'code already used; new code is available in 30 seconds');
    const valid = totp.validate({ token: code, timestamp: now(), window: 1 }) !== null;
    if (valid) used.set(`${name}:${code}`, now() + 3 * totp.period * 1000);
    return ok({ data: { valid } });
  }

  return {
    handle({ method, path, body }: VaultRequest): VaultAnswer {
      const [kind, name] = path.split('/');
      if (!name) return vaultError(404);
      if (kind === 'keys' && method === 'POST') return create(name, body);
      if (kind === 'keys' && method === 'DELETE') {
        keys.delete(name);
        return noContent;
      }
      if (kind === 'code' && method === 'POST') return validate(name, body);
      return vaultError(405, 'unsupported operation');
    },
  };
}
