import type { Logger } from '../../core/logger.ts';
import type { TransitEngine } from './backend.ts';
import type { Reseal } from './cipher.ts';

/**
 * Where a module keeps values it encrypted through the secrets module's cipher, walked by `secrets
 * rewrap`. The module knows its rows; the secrets module knows the key.
 */
export interface CiphertextStore {
  /** The table(s) walked, for the log and the command's summary. */
  name: string;
  /**
   * Reseals up to `limit` rows after the key `after` (null: from the start) in the store's own key order,
   * each row written only if it still holds what was read (a row changed or deleted meanwhile is left).
   * Answers the last key read (null when there was none: the walk is over) and the rows rewritten.
   */
  resealPage(
    after: string | null,
    limit: number,
    reseal: (stored: readonly string[]) => Promise<string[]>,
  ): Promise<{ last: string | null; rewritten: number }>;
}

/** Rows per page: one transit batch or a few and one short statement each, so traffic goes on meanwhile. */
const PAGE_ROWS = 200;

/**
 * Brings every registered store to the transit key's newest version, a page at a time, while the
 * platform serves traffic: each page is read, resealed and written on its own (no transaction spans
 * pages), and values written meanwhile are encrypted with the newest version already.
 */
export async function resealStores(
  stores: readonly CiphertextStore[],
  transit: TransitEngine,
  key: string,
  reseal: Reseal,
  logger: Logger,
): Promise<Array<{ store: string; rewritten: number }>> {
  // No key yet: nothing was encrypted, and the first plaintext encrypted makes the key.
  const newest = (await transit.latestVersion(key)) ?? 0;
  const summary: Array<{ store: string; rewritten: number }> = [];
  for (const store of stores) {
    let after: string | null = null;
    let rewritten = 0;
    do {
      const page = await store.resealPage(after, PAGE_ROWS, (stored) => reseal(stored, newest));
      after = page.last;
      rewritten += page.rewritten;
    } while (after !== null);
    logger.info({ store: store.name, key, version: newest, rewritten }, 'secrets: stored ciphertexts resealed');
    summary.push({ store: store.name, rewritten });
  }
  return summary;
}
