import type { z } from 'zod';
import { createHttpClient, type HttpClient } from '../../../core/outbound/httpClient.ts';
import { pairSchema, tokenProfileSchema, type Pair, type TokenProfile } from './schemas.ts';

/** `/tokens/v1/{chainId}/{addresses}` takes at most this many addresses. */
export const MAX_ADDRESSES_PER_CALL = 30;
const TIMEOUT_MS = 10_000;
/** DEX Screener allows 60 requests a minute to its token profiles (300 to pairs): the lower bound for all. */
const PER_MINUTE = 60;

export interface DexScreenerClient {
  latestProfiles(): Promise<TokenProfile[]>;
  /** Pairs trading any of the tokens (up to MAX_ADDRESSES_PER_CALL) on one chain. */
  pairsOf(chainId: string, addresses: string[]): Promise<Pair[]>;
}

export interface DexScreenerClientOptions {
  baseUrl: string;
  /** Default: a client with a 10 s timeout, within DEX Screener's rate limit. */
  http?: HttpClient;
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

/** Failures are the HTTP client's errors (status and Retry-After included, for the poll loop), naming the host. */
export function createDexScreenerClient(options: DexScreenerClientOptions): DexScreenerClient {
  const http = options.http ?? createHttpClient({ timeoutMs: TIMEOUT_MS, perHostRateLimit: { perMinute: PER_MINUTE } });
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const get = (path: string) => http.json(`${baseUrl}${path}`);

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
