import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { and, eq, max, sql } from 'drizzle-orm';
import type { Database } from '../../../core/db/database.ts';
import { InvalidArgumentError } from '../../../core/domainErrors.ts';
import type { TransitEngine } from '../backend.ts';
import { transitKeys } from '../table.ts';
import { formatCiphertext, isCiphertext, parseCiphertext } from '../transitFormat.ts';
import { openBytes, SealError, sealBytes } from './sealing.ts';

export const transitKeyContext = (name: string, version: number) => `transit-key:${name}:${version}`;
const dataContext = (name: string) => `transit:${name}`;

/**
 * Transit in the platform's database: versioned 256-bit keys sealed under the master key, ciphertexts in
 * Vault's format. A key version never changes once written, so each one is unsealed once, when first
 * needed, and kept; the newest version number is read again after `refreshMs` (another node's rotation
 * is seen within that; encrypting with the version before meanwhile is harmless: it still decrypts, and
 * rewrap moves it on).
 */
export function createEmbeddedTransit(
  db: Database,
  masterKey: () => Promise<Buffer>,
  refreshMs: number,
  now: () => number,
): TransitEngine {
  const d = db.drizzle;
  const t = transitKeys;
  /** Unsealed key versions, by `name:version`: a few per key, as many as it was rotated; KeyObjects, imported once. */
  const unsealed = new Map<string, KeyObject>();
  const latestRead = new Map<string, { version: number; readAt: number }>();

  async function readLatest(name: string): Promise<number | null> {
    const [row] = await d
      .select({ latest: max(t.version) })
      .from(t)
      .where(eq(t.name, name));
    const version = row?.latest ?? null;
    if (version !== null) latestRead.set(name, { version, readAt: now() });
    return version;
  }

  async function latest(name: string): Promise<number | null> {
    const cached = latestRead.get(name);
    return cached && now() - cached.readAt < refreshMs ? cached.version : readLatest(name);
  }

  /** The key's `version`, unsealed once; undefined when it has no such version. */
  async function keyOf(name: string, version: number): Promise<KeyObject | undefined> {
    const id = `${name}:${version}`;
    const held = unsealed.get(id);
    if (held) return held;
    const [row] = await d
      .select({ sealed: t.sealed })
      .from(t)
      .where(and(eq(t.name, name), eq(t.version, version)));
    if (!row) return undefined;
    const key = createSecretKey(
      openBytes(await masterKey(), Buffer.from(row.sealed, 'base64'), transitKeyContext(name, version)),
    );
    unsealed.set(id, key);
    return key;
  }

  /** Adds the key's next version (the first when it has none); of two nodes adding the same one, the first wins. */
  async function addVersion(name: string): Promise<number> {
    const found = (await d.execute(
      sql`SELECT coalesce(max(version), 0) + 1 AS next FROM ${t} WHERE name = ${name}`,
    )) as unknown as { rows: Array<{ next: number }> };
    const next = Number(found.rows[0]!.next);
    const sealed = sealBytes(await masterKey(), randomBytes(32), transitKeyContext(name, next)).toString('base64');
    await d.insert(t).values({ name, version: next, sealed }).onConflictDoNothing();
    return (await readLatest(name))!;
  }

  async function encryptWith(name: string, plaintexts: readonly string[]): Promise<string[]> {
    const version = (await latest(name)) ?? (await addVersion(name));
    const key = (await keyOf(name, version))!;
    return plaintexts.map((text) =>
      formatCiphertext(version, sealBytes(key, Buffer.from(text, 'utf8'), dataContext(name))),
    );
  }

  /**
   * Opens every ciphertext: its version and plaintext bytes. One that is malformed, of a version the key does not
   * have, or that does not open under its version (forged, altered, another key's) is refused naming its position.
   */
  async function openAll(name: string, ciphertexts: readonly string[]) {
    const opened: Array<{ version: number; plaintext: Buffer }> = [];
    for (const [i, ciphertext] of ciphertexts.entries()) {
      // The item is the field at fault (DomainError puts it first): `ciphertexts[3]: …`, as the Vault backend says.
      const field = `ciphertexts[${i}]`;
      const parsed = isCiphertext(ciphertext) ? parseCiphertext(ciphertext) : undefined;
      if (!parsed) throw new InvalidArgumentError('not a transit ciphertext (vault:v<N>:<base64>)', { field });
      const key = await keyOf(name, parsed.version);
      if (!key) throw new InvalidArgumentError(`key ${name} has no version ${parsed.version}`, { field });
      try {
        opened.push({ version: parsed.version, plaintext: openBytes(key, parsed.bytes, dataContext(name)) });
      } catch (err) {
        if (!(err instanceof SealError)) throw err;
        throw new InvalidArgumentError(`not made by key ${name}, or altered`, { field });
      }
    }
    return opened;
  }

  async function decryptWith(name: string, ciphertexts: readonly string[]): Promise<string[]> {
    return (await openAll(name, ciphertexts)).map(({ plaintext }) => plaintext.toString('utf8'));
  }

  return {
    encrypt: encryptWith,
    decrypt: decryptWith,
    async rotate(name) {
      return { latestVersion: await addVersion(name) };
    },
    async rewrap(name, ciphertexts) {
      const newest = await readLatest(name);
      if (newest === null) throw new InvalidArgumentError(`no transit key ${name}`, { field: 'key' });
      // Every ciphertext is opened first, as Vault's rewrap does: one forged, altered or of a version the key does
      // not have is refused, at the newest version and above it too, never answered back as if it were sound.
      // Those at the newest version (or a newer one another node just added) are answered as they are: opened
      // (one AES-GCM check each, their key already unsealed), not sealed again. The walk hands over only the
      // older ones (cipher.ts), which are sealed under the newest.
      const opened = await openAll(name, ciphertexts);
      const key = (await keyOf(name, newest))!;
      return ciphertexts.map((ciphertext, i) => {
        const { version, plaintext } = opened[i]!;
        return version < newest ? formatCiphertext(newest, sealBytes(key, plaintext, dataContext(name))) : ciphertext;
      });
    },
    latestVersion: readLatest,
  };
}
