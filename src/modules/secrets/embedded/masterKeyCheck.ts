import { asc } from 'drizzle-orm';
import type { Database } from '../../../core/db/database.ts';
import { StartupError } from '../../../core/startupFailure.ts';
import { secretVersions, totpKeys, transitKeys } from '../table.ts';
import { kvContext } from './embeddedKv.ts';
import { totpContext } from './embeddedTotp.ts';
import { transitKeyContext } from './embeddedTransit.ts';
import { openBytes, SealError } from './sealing.ts';

/** The first value each table sealed, with the context it was sealed for. */
async function oldestSealed(db: Database): Promise<Array<{ sealed: string; context: string }>> {
  const d = db.drizzle;
  const [kv, transit, totp] = await Promise.all([
    d.select().from(secretVersions).orderBy(asc(secretVersions.createdAt)).limit(1),
    d.select().from(transitKeys).orderBy(asc(transitKeys.createdAt)).limit(1),
    d.select().from(totpKeys).orderBy(asc(totpKeys.createdAt)).limit(1),
  ]);
  return [
    ...kv.map((row) => ({ sealed: row.sealed, context: kvContext(row.path) })),
    ...transit.map((row) => ({ sealed: row.sealed, context: transitKeyContext(row.name, row.version) })),
    ...totp.map((row) => ({ sealed: row.sealed, context: totpContext(row.name) })),
  ];
}

/**
 * The master key, once it is known to open what the store holds already. A process given another key than the
 * nodes' (a shell without SECRETS_MASTER_KEY falls back to DATA_DIR's generated key file) would otherwise write
 * secret versions, transit key versions and TOTP keys the nodes cannot open: their newest `openai` unreadable,
 * every chat message failing on a transit version they cannot unseal, a service account whose codes never pass.
 * Checked once per process, on its first use of the key, against the oldest value of each table (sealed before
 * any such mistake); an empty store takes any key. `source` names where the key came from.
 */
export function checkedMasterKey(db: Database, load: () => Buffer, source: string): () => Promise<Buffer> {
  let checked: Promise<Buffer> | undefined;
  async function check(): Promise<Buffer> {
    const key = load();
    for (const { sealed, context } of await oldestSealed(db)) {
      try {
        openBytes(key, Buffer.from(sealed, 'base64'), context);
      } catch (err) {
        if (!(err instanceof SealError)) throw err;
        throw new StartupError(
          `the master key (${source}) does not open the secrets this database holds, sealed under another key: ` +
            'give this process the SECRETS_MASTER_KEY the nodes use; nothing was read or written',
        );
      }
    }
    return key;
  }
  // A failed check (the database out of reach, another key) is made again on the next use.
  return () =>
    (checked ??= check().catch((err: unknown) => {
      checked = undefined;
      throw err;
    }));
}
