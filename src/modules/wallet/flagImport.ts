import { getAddress } from 'viem';
import { InvalidArgumentError } from '../../core/domainErrors.ts';
import { LOCAL_CHAIN_ID, SCAM_STORY } from '../onchain/index.ts';
import {
  FlagFileError,
  parseFlagCsv,
  parseFlagEntries,
  parseFlagJson,
  type ChainIdOf,
  type FlagEntry,
} from './flagFile.ts';
import type { FlagRepository } from './flagRepository.ts';
import type { FlagCategory, FlagRow } from './table.ts';

const DEMO_SOURCE = 'alphanest demo';

/** The embedded chain's flagged addresses: the scripted scam's funder and mixer. */
const DEMO_FLAGS: FlagEntry[] = [
  {
    chainId: LOCAL_CHAIN_ID,
    address: SCAM_STORY.funder.toLowerCase(),
    category: 'scam',
    reason: 'pays fresh wallets that launch honeypots (demo)',
    source: DEMO_SOURCE,
  },
  {
    chainId: LOCAL_CHAIN_ID,
    address: SCAM_STORY.mixer.toLowerCase(),
    category: 'mixer',
    reason: 'a mixer that launders scam proceeds (demo)',
    source: DEMO_SOURCE,
  },
];

const view = (row: FlagRow) => ({
  chain_id: row.chainId,
  address: getAddress(row.address),
  category: row.category,
  reason: row.reason,
  source: row.source,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/** A list's bad rows as the 400 an edge answers: every row in the message, the first one's field. */
function refused(err: unknown): never {
  if (err instanceof FlagFileError) throw new InvalidArgumentError(err.message, { field: err.problems[0]!.field });
  throw err;
}

export interface FlagListQuery {
  chain?: string;
  category?: FlagCategory;
  source?: string;
  after?: string;
  limit: number;
}

/** Flag lists in and out: the CLI's and the admin REST's one way of reading and storing them. */
export function createFlagImport(flags: FlagRepository, chainIdOf: ChainIdOf) {
  const store = async (entries: FlagEntry[]) => ({ imported: entries.length, ...(await flags.importList(entries)) });
  return {
    /** A file's text, CSV or JSON (throws FlagFileError with every bad row: nothing is stored then). */
    importText(text: string, format: 'csv' | 'json', source?: string) {
      const options = { chainIdOf, source };
      return store(format === 'csv' ? parseFlagCsv(text, options) : parseFlagJson(text, options));
    },
    /** A request body: CSV text, or parsed JSON (a JSON string is no list); bad rows are a 400 naming them. */
    async importBody(body: unknown, format: 'csv' | 'json', source?: string) {
      let entries: FlagEntry[];
      try {
        entries =
          format === 'csv' && typeof body === 'string'
            ? parseFlagCsv(body, { chainIdOf, source })
            : parseFlagEntries(body, { chainIdOf, source });
      } catch (err) {
        refused(err);
      }
      return store(entries);
    },
    async list({ chain, category, source, after, limit }: FlagListQuery) {
      const chainId = chain === undefined ? undefined : chainIdOf(chain);
      if (chainId === null) throw new InvalidArgumentError(`no chain ${chain} here`, { field: 'chain' });
      const [afterChain, afterAddress] = after?.split(':') ?? [];
      const rows = await flags.list({
        chainId,
        category,
        source,
        after: after ? { chainId: Number(afterChain), address: afterAddress!.toLowerCase() } : undefined,
        limit,
      });
      const last = rows.length === limit ? rows.at(-1) : undefined;
      return { flags: rows.map(view), next: last ? `${last.chainId}:${last.address}` : null };
    },
    /** The embedded chain's demo flags, where they are missing (an operator's own word on them stays). */
    seedDemo: () => flags.addMissing(DEMO_FLAGS),
  };
}

export type FlagImport = ReturnType<typeof createFlagImport>;
