import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../../core/db/database.ts';
import { secretRotations as t } from './table.ts';

type RotationKind = (typeof t.$inferSelect)['kind'];

/** What every node shares (the transit key, the jwt pair, a rotation of database logins asked for). */
const CLUSTER = 'cluster';

export interface RotationRecord {
  kind: RotationKind;
  scope: string;
  rotated_at: string;
  detail: string;
  expires_at: string | null;
}

/** The last rotation of each kind (and of each node's database login), in the platform's database. */
export function createRotationLog(db: Database) {
  return {
    /** Records a rotation (through `on`, a lease's fenced transaction, when given). */
    async record(
      kind: RotationKind,
      entry: { scope?: string; detail: string; expiresAt?: Date },
      on: Drizzle = db.drizzle,
    ) {
      const values = { kind, scope: entry.scope ?? CLUSTER, detail: entry.detail, expiresAt: entry.expiresAt ?? null };
      await on
        .insert(t)
        .values(values)
        .onConflictDoUpdate({ target: [t.kind, t.scope], set: { ...values, rotatedAt: sql`now()` } });
    },
    async last(kind: RotationKind, scope = CLUSTER): Promise<Date | null> {
      const [row] = await db.drizzle
        .select({ at: t.rotatedAt })
        .from(t)
        .where(and(eq(t.kind, kind), eq(t.scope, scope)));
      return row?.at ?? null;
    },
    async list(): Promise<RotationRecord[]> {
      const rows = await db.drizzle.select().from(t).orderBy(asc(t.kind), asc(t.scope));
      return rows.map((row) => ({
        kind: row.kind,
        scope: row.scope,
        rotated_at: row.rotatedAt.toISOString(),
        detail: row.detail,
        expires_at: row.expiresAt?.toISOString() ?? null,
      }));
    },
  };
}

export type RotationLog = ReturnType<typeof createRotationLog>;
