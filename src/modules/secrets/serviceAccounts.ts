import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import type { Auth } from '../../core/auth/auth.ts';
import type { Database } from '../../core/db/database.ts';
import { ConflictError, NotFoundError } from '../../core/domainErrors.ts';
import type { TotpEngine } from './backend.ts';
import { serviceAccounts, usedCodes } from './table.ts';

type ServiceRole = 'agent' | 'service';

interface ServiceAccount {
  name: string;
  role: ServiceRole;
  agents: string[] | null;
  createdAt: string;
  revokedAt: string | null;
}

/** What an exchange of a code answers: a token, or why not (without saying whether the account exists). */
type Exchange =
  | { outcome: 'token'; token: string; expiresAt: string; role: ServiceRole }
  | { outcome: 'refused' }
  | { outcome: 'rate_limited'; retryAfterSeconds: number };

export interface ServiceAccounts {
  /** Makes the account and its TOTP key; answers the `otpauth://` URL, shown this once. */
  create(name: string, role: ServiceRole, agents?: string[]): Promise<{ account: ServiceAccount; url: string }>;
  list(): Promise<ServiceAccount[]>;
  /** Refuses its codes from now on and deletes its TOTP key; tokens already issued live out their short TTL. */
  revoke(name: string): Promise<void>;
  exchange(name: string, code: string): Promise<Exchange>;
}

/** Exchanges tried per account per window, right or wrong: a six-digit code cannot be guessed within it. */
export const ATTEMPTS_PER_WINDOW = 5;
const WINDOW_SECONDS = 60;
/** A code validates for three periods (one either side of now), so it is remembered a little longer. */
const USED_CODE_SECONDS = 120;

/** The TOTP key of an account, in Vault's `totp/keys/<name>` or the embedded table. */
const totpKeyName = (account: string) => account;

/**
 * Service accounts live in the platform's database with either backend; only their TOTP keys live in
 * the backend, which validates codes. A code is accepted once: its use is recorded in the database
 * (shared by every node) before the token is signed.
 */
export function createServiceAccounts(
  db: Database,
  totp: TotpEngine,
  auth: Auth,
  settings: { issuer: string; tokenTtlSeconds: number; now: () => number },
): ServiceAccounts {
  const d = db.drizzle;
  const t = serviceAccounts;

  const view = (row: typeof t.$inferSelect): ServiceAccount => ({
    name: row.name,
    role: row.role,
    agents: row.agents,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  });

  /** Counts an attempt; null for an unknown or revoked account, else the attempts in the window and its end. */
  async function counted(name: string): Promise<{ attempts: number; windowEnds: Date } | null> {
    const fresh = sql`${t.attemptsSince} <= now() - make_interval(secs => ${WINDOW_SECONDS})`;
    const [row] = await d
      .update(t)
      .set({
        attempts: sql`CASE WHEN ${fresh} THEN 1 ELSE ${t.attempts} + 1 END`,
        attemptsSince: sql`CASE WHEN ${fresh} THEN now() ELSE ${t.attemptsSince} END`,
      })
      .where(and(eq(t.name, name), isNull(t.revokedAt)))
      .returning({ attempts: t.attempts, since: t.attemptsSince });
    return row ? { attempts: row.attempts, windowEnds: new Date(row.since.getTime() + WINDOW_SECONDS * 1000) } : null;
  }

  /** Records the code's use; false when it was used already (within the time it could validate). */
  async function firstUse(name: string, code: string): Promise<boolean> {
    await d
      .delete(usedCodes)
      .where(
        and(
          eq(usedCodes.account, name),
          lt(usedCodes.usedAt, sql`now() - make_interval(secs => ${USED_CODE_SECONDS})`),
        ),
      );
    const inserted = await d
      .insert(usedCodes)
      .values({ account: name, code })
      .onConflictDoNothing()
      .returning({ code: usedCodes.code });
    return inserted.length === 1;
  }

  return {
    async create(name, role, agents) {
      const [existing] = await d.select().from(t).where(eq(t.name, name));
      if (existing && !existing.revokedAt)
        throw new ConflictError(`a service account ${name} exists (revoke it first)`, { field: 'name' });
      // A revoked name may be reused: its old key went with the revocation.
      if (existing) await totp.deleteKey(totpKeyName(name));
      const { url } = await totp.createKey(totpKeyName(name), { issuer: settings.issuer, accountName: name });
      const values = { name, role, agents: agents ?? null, revokedAt: null, attempts: 0, attemptsSince: new Date() };
      const [row] = await d
        .insert(t)
        .values(values)
        .onConflictDoUpdate({ target: t.name, set: { ...values, createdAt: sql`now()` } })
        .returning();
      return { account: view(row!), url };
    },
    async list() {
      return (await d.select().from(t).orderBy(asc(t.name))).map(view);
    },
    async revoke(name) {
      const [row] = await d
        .update(t)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(t.name, name), isNull(t.revokedAt)))
        .returning({ name: t.name });
      if (!row) throw new NotFoundError(`no active service account ${name}`, { field: 'name' });
      await totp.deleteKey(totpKeyName(name));
    },
    async exchange(name, code) {
      const attempt = await counted(name);
      if (!attempt) return { outcome: 'refused' };
      if (attempt.attempts > ATTEMPTS_PER_WINDOW) {
        const retryAfterSeconds = Math.max(1, Math.ceil((attempt.windowEnds.getTime() - settings.now()) / 1000));
        return { outcome: 'rate_limited', retryAfterSeconds };
      }
      if (!(await totp.validate(totpKeyName(name), code)) || !(await firstUse(name, code)))
        return { outcome: 'refused' };
      const [account] = await d.select().from(t).where(eq(t.name, name));
      if (!account || account.revokedAt) return { outcome: 'refused' };
      const token = await auth.sign(
        { sub: name, role: account.role, ...(account.agents && { agents: account.agents }) },
        `${settings.tokenTtlSeconds}s`,
      );
      const expiresAt = new Date(decodeJwt(token).exp! * 1000).toISOString();
      return { outcome: 'token', token, expiresAt, role: account.role };
    },
  };
}
