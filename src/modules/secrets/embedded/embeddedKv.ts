import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../core/db/database.ts';
import { ConflictError } from '../../../core/domainErrors.ts';
import type { KvEngine, SecretData } from '../backend.ts';
import { checkedPath } from '../secretPath.ts';
import { secretVersions } from '../table.ts';
import { seal, unseal } from './sealing.ts';
import { isUniqueViolation } from './uniqueViolation.ts';

export const kvContext = (path: string) => `kv:${path}`;

/** KV v2 in the platform's database: each version a sealed row; nothing is pruned or deleted in part 1. */
export function createEmbeddedKv(db: Database, masterKey: () => Promise<Buffer>): KvEngine {
  const d = db.drizzle;
  const t = secretVersions;

  async function insertNext(path: string, sealed: string, cas: number | undefined): Promise<number | null> {
    const result = (await d.execute(sql`
      INSERT INTO ${t} (path, version, sealed)
      SELECT ${path}, coalesce(max(version), 0) + 1, ${sealed} FROM ${t} WHERE path = ${path}
      ${cas === undefined ? sql`` : sql`HAVING coalesce(max(version), 0) = ${cas}`}
      RETURNING version`)) as unknown as { rows: Array<{ version: number }> };
    return result.rows[0]?.version ?? null;
  }

  return {
    async get(path, version) {
      const [row] = await d
        .select()
        .from(t)
        .where(version === undefined ? eq(t.path, path) : and(eq(t.path, path), eq(t.version, version)))
        .orderBy(desc(t.version))
        .limit(1);
      if (!row) return null;
      const data = JSON.parse(unseal(await masterKey(), row.sealed, kvContext(path))) as SecretData;
      return { data, version: row.version, createdAt: row.createdAt.toISOString() };
    },
    async put(path, data, options = {}) {
      checkedPath(path);
      const sealed = seal(await masterKey(), JSON.stringify(data), kvContext(path));
      let version: number | null;
      try {
        version = await insertNext(path, sealed, options.cas);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        if (options.cas !== undefined) version = null;
        else version = await insertNext(path, sealed, undefined);
      }
      if (version === null) throw new ConflictError(`${path} is no longer at version ${options.cas}`, { field: 'cas' });
      return { version };
    },
    async metadata(path) {
      const rows = await d
        .select({ version: t.version, createdAt: t.createdAt })
        .from(t)
        .where(eq(t.path, path))
        .orderBy(asc(t.version));
      if (!rows.length) return null;
      const first = rows[0]!;
      const last = rows.at(-1)!;
      return {
        currentVersion: last.version,
        createdAt: first.createdAt.toISOString(),
        updatedAt: last.createdAt.toISOString(),
        versions: rows.map((row) => ({
          version: row.version,
          createdAt: row.createdAt.toISOString(),
          deletedAt: null,
          destroyed: false,
        })),
      };
    },
  };
}
