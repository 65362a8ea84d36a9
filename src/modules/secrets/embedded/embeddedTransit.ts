import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../core/db/database.ts';
import { InvalidArgumentError } from '../../../core/domainErrors.ts';
import type { TransitEngine } from '../backend.ts';
import { transitKeys } from '../table.ts';
import { formatCiphertext, parseCiphertext } from '../transitFormat.ts';
import { openBytes, SealError, sealBytes } from './sealing.ts';

/** A transit key's versions, unsealed. */
interface KeyRing {
  latest: number;
  versions: Map<number, Buffer>;
  loadedAt: number;
}

const keyContext = (name: string, version: number) => `transit-key:${name}:${version}`;
const dataContext = (name: string) => `transit:${name}`;

/**
 * Transit in the platform's database: versioned 256-bit keys sealed under the master key, ciphertexts in
 * Vault's format. Key rings are kept in memory for `refreshMs` (another node's rotation is seen within
 * that; encrypting with the version before meanwhile is harmless: it still decrypts, and rewrap moves it on).
 */
export function createEmbeddedTransit(
  db: Database,
  masterKey: () => Buffer,
  refreshMs: number,
  now: () => number,
): TransitEngine {
  const d = db.drizzle;
  const t = transitKeys;
  const rings = new Map<string, KeyRing>();

  async function load(name: string): Promise<KeyRing | null> {
    const rows = await d.select().from(t).where(eq(t.name, name));
    if (!rows.length) return null;
    const versions = new Map(
      rows.map((row) => [
        row.version,
        openBytes(masterKey(), Buffer.from(row.sealed, 'base64'), keyContext(name, row.version)),
      ]),
    );
    const ring = { latest: Math.max(...versions.keys()), versions, loadedAt: now() };
    rings.set(name, ring);
    return ring;
  }

  /** The ring as cached, reloaded when stale or when it lacks `version`. */
  async function ring(name: string, version?: number): Promise<KeyRing | null> {
    const cached = rings.get(name);
    if (cached && now() - cached.loadedAt < refreshMs && (version === undefined || cached.versions.has(version)))
      return cached;
    return load(name);
  }

  /** Adds the key's next version (the first when it has none); of two nodes adding the same one, the first wins. */
  async function addVersion(name: string): Promise<void> {
    const found = (await d.execute(
      sql`SELECT coalesce(max(version), 0) + 1 AS next FROM ${t} WHERE name = ${name}`,
    )) as unknown as { rows: Array<{ next: number }> };
    const next = Number(found.rows[0]!.next);
    const sealed = sealBytes(masterKey(), randomBytes(32), keyContext(name, next)).toString('base64');
    await d.insert(t).values({ name, version: next, sealed }).onConflictDoNothing();
  }

  async function encryptWith(name: string, plaintexts: readonly string[]): Promise<string[]> {
    let current = await ring(name);
    if (!current) {
      await addVersion(name);
      current = (await load(name))!;
    }
    const key = current.versions.get(current.latest)!;
    return plaintexts.map((text) =>
      formatCiphertext(current.latest, sealBytes(key, Buffer.from(text, 'utf8'), dataContext(name))),
    );
  }

  async function decryptWith(name: string, ciphertexts: readonly string[]): Promise<string[]> {
    const plaintexts: string[] = [];
    for (const [i, ciphertext] of ciphertexts.entries()) {
      const { version, bytes } = parseCiphertext(ciphertext);
      const key = (await ring(name, version))?.versions.get(version);
      if (!key)
        throw new InvalidArgumentError(`ciphertexts[${i}]: key ${name} has no version ${version}`, {
          field: 'ciphertexts',
        });
      try {
        plaintexts.push(openBytes(key, bytes, dataContext(name)).toString('utf8'));
      } catch (err) {
        if (!(err instanceof SealError)) throw err;
        throw new InvalidArgumentError(`ciphertexts[${i}]: not made by key ${name}, or altered`, {
          field: 'ciphertexts',
        });
      }
    }
    return plaintexts;
  }

  return {
    encrypt: encryptWith,
    decrypt: decryptWith,
    async rotate(name) {
      await addVersion(name);
      const latest = (await load(name))!.latest;
      return { latestVersion: latest };
    },
    async rewrap(name, ciphertexts) {
      const current = await ring(name);
      if (!current) throw new InvalidArgumentError(`key: no transit key ${name}`, { field: 'key' });
      const stale = ciphertexts.filter((c) => parseCiphertext(c).version < current.latest);
      const fresh = await encryptWith(name, await decryptWith(name, stale));
      return ciphertexts.map((c) => (parseCiphertext(c).version < current.latest ? fresh.shift()! : c));
    },
    async latestVersion(name) {
      return (await load(name))?.latest ?? null;
    },
  };
}
