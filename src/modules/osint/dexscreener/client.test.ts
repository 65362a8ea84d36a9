import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../test/support/manualClock.ts';
import { HttpStatusError } from '../../../core/outbound/errors.ts';
import { createHttpClient } from '../../../core/outbound/httpClient.ts';
import { createDexScreenerClient } from './client.ts';

/** A client whose retries wait on a manual clock, answered by `answer` when given (else over the network). */
function dex(baseUrl: string, answer?: () => Response) {
  const fetch = answer && (async () => answer());
  const http = createHttpClient({ timeoutMs: 10_000, clock: createManualClock(), fetch });
  return createDexScreenerClient({ baseUrl, http });
}

describe('DEX Screener client', () => {
  it('drops entries that do not match the documented shape and keeps the rest', async () => {
    const profile = { url: 'https://dexscreener.com/solana/x', chainId: 'solana', tokenAddress: 'x' };
    const client = dex('http://dex.invalid', () => Response.json([profile, { chainId: 'solana' }, 'junk']));
    expect((await client.latestProfiles()).map((p) => p.tokenAddress)).toEqual(['x']);
  });

  it('reports an unreachable API and a body that is not JSON, naming the host', async () => {
    await expect(dex('http://127.0.0.1:1').latestProfiles()).rejects.toThrow(/^127\.0\.0\.1:1 could not be reached/);
    const html = dex('http://dex.invalid', () => new Response('<html>', { status: 200 }));
    await expect(html.latestProfiles()).rejects.toThrow('dex.invalid answered with something that is not JSON');
  });

  it('reports a rate limit with its status and Retry-After, for the poll loop to wait out', async () => {
    const tooMany = () => Response.json({}, { status: 429, headers: { 'retry-after': '60' } });
    const failure = await dex('http://dex.invalid', tooMany)
      .pairsOf('solana', ['x'])
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HttpStatusError);
    expect(failure).toMatchObject({ status: 429, retryAfterMs: 60_000 });
  });
});
