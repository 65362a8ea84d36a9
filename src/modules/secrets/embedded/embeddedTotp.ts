import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../../../core/db/database.ts';
import { ConflictError } from '../../../core/domainErrors.ts';
import type { TotpEngine } from '../backend.ts';
import { totpKeys } from '../table.ts';
import { seal, unseal } from './sealing.ts';
import { isUniqueViolation } from './uniqueViolation.ts';

/** Vault's defaults: SHA-1, six digits, thirty seconds, a 20-byte key, one period of skew either side. */
const TOTP_SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const KEY_BYTES = 20;
const SKEW_PERIODS = 1;

export const totpContext = (name: string) => `totp:${name}`;

/** TOTP keys in the platform's database, through otpauth (RFC 6238). */
export function createEmbeddedTotp(db: Database, masterKey: () => Promise<Buffer>, now: () => number): TotpEngine {
  const d = db.drizzle;
  const t = totpKeys;

  return {
    async createKey(name, { issuer, accountName }) {
      const secret = new Secret({ size: KEY_BYTES });
      const totp = new TOTP({ issuer, label: accountName, secret, ...TOTP_SETTINGS });
      const sealed = seal(await masterKey(), secret.base32, totpContext(name));
      try {
        await d.insert(t).values({ name, sealed, issuer, accountName });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError(`a TOTP key ${name} exists`, { field: 'name' });
        throw err;
      }
      return { url: totp.toString() };
    },
    async validate(name, code) {
      const [row] = await d.select().from(t).where(eq(t.name, name));
      if (!row) return false;
      const secret = Secret.fromBase32(unseal(await masterKey(), row.sealed, totpContext(name)));
      const delta = TOTP.validate({ token: code, secret, timestamp: now(), window: SKEW_PERIODS, ...TOTP_SETTINGS });
      return delta !== null;
    },
    async deleteKey(name) {
      await d.delete(t).where(eq(t.name, name));
    },
  };
}
