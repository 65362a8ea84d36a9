import type { z } from 'zod';
import { pairSchema, tokenProfileSchema, type Pair, type TokenProfile } from './schemas.ts';

/** `/tokens/v1/{chainId}/{addresses}` takes at most this many addresses. */
export const MAX_ADDRESSES_PER_CALL = 30;
const TIMEOUT_MS = 10_000;

export class DexScreenerError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

export interface DexScreenerClient {
  latestProfiles(): Promise<TokenProfile[]>;
  /** Pairs trading any of the tokens (up to MAX_ADDRESSES_PER_CALL) on one chain. */
  pairsOf(chainId: string, addresses: string[]): Promise<Pair[]>;
}

export interface DexScreenerClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
}

/** Entries that do not match the schema are dropped one by one: one odd record must not hide the rest. */
function validEntries<T extends z.ZodType>(body: unknown, schema: T): Array<z.output<T>> {
  // The reference documents token-profiles/latest as one object; the live API answers with an array.
  const entries = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
  return entries.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export function createDexScreenerClient({ baseUrl, fetch: fetchFn = fetch }: DexScreenerClientOptions): DexScreenerClient {
  async function get(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchFn(`${baseUrl.replace(/\/$/, '')}${path}`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      throw new DexScreenerError(`DEX Screener unreachable: ${(err as Error).message}`);
    }
    if (!response.ok) throw new DexScreenerError(`DEX Screener answered ${response.status} for ${path}`, response.status);
    try {
      return await response.json();
    } catch {
      throw new DexScreenerError(`DEX Screener sent a body that is not JSON for ${path}`, response.status);
    }
  }

  return {
    async latestProfiles() {
      return validEntries(await get('/token-profiles/latest/v1'), tokenProfileSchema);
    },
    async pairsOf(chainId, addresses) {
      const path = `/tokens/v1/${encodeURIComponent(chainId)}/${addresses.slice(0, MAX_ADDRESSES_PER_CALL).map(encodeURIComponent).join(',')}`;
      return validEntries(await get(path), pairSchema);
    },
  };
}
