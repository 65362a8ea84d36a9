import type { Logger } from '../../../core/logger.ts';
import type { IngestItem } from '../../intelligence/schemas.ts';
import { MAX_ADDRESSES_PER_CALL, type DexScreenerClient } from './client.ts';
import type { TokenProfile } from './schemas.ts';
import { mainPair, newTokenItem } from './newToken.ts';

/** Profiles already stored are remembered (newest this many) so their pairs are not fetched again. */
const REMEMBERED = 5_000;

export interface DexScreenerConnectorDeps {
  client: DexScreenerClient;
  ingest(item: IngestItem): Promise<unknown>;
  logger: Logger;
  intervalMs: number;
  now?: () => Date;
}

/**
 * Polls DEX Screener's latest token profiles, looks up each new token's pools
 * and stores it as intelligence, so osint.discover_coins sees it as first seen.
 * A profile without a pool yet is retried on the next poll while it is listed.
 */
export function createDexScreenerConnector({ client, ingest, logger, intervalMs, now = () => new Date() }: DexScreenerConnectorDeps) {
  const stored = new Set<string>();
  const keyOf = (p: TokenProfile) => `${p.chainId}:${p.tokenAddress}`;

  function remember(key: string) {
    stored.add(key);
    if (stored.size > REMEMBERED) stored.delete(stored.values().next().value!);
  }

  async function storeChain(chainId: string, profiles: TokenProfile[]): Promise<number> {
    let count = 0;
    for (let i = 0; i < profiles.length; i += MAX_ADDRESSES_PER_CALL) {
      const batch = profiles.slice(i, i + MAX_ADDRESSES_PER_CALL);
      const pairs = await client.pairsOf(chainId, batch.map((p) => p.tokenAddress));
      for (const profile of batch) {
        const pair = mainPair(profile, pairs);
        if (!pair) continue;
        await ingest(newTokenItem(profile, pair, now()));
        remember(keyOf(profile));
        count++;
      }
    }
    return count;
  }

  async function pollOnce(): Promise<number> {
    const fresh = (await client.latestProfiles()).filter((p) => !stored.has(keyOf(p)));
    const byChain = new Map<string, TokenProfile[]>();
    for (const profile of fresh) byChain.set(profile.chainId, [...(byChain.get(profile.chainId) ?? []), profile]);
    let count = 0;
    for (const [chainId, profiles] of byChain) count += await storeChain(chainId, profiles);
    return count;
  }

  return {
    /** One round; resolves with how many tokens were stored. */
    pollOnce,
    start(): () => Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      let stopped = false;
      let running: Promise<unknown> = Promise.resolve();
      const loop = () => {
        running = pollOnce()
          .then((count) => {
            if (count) logger.info({ count }, 'dex screener: new tokens stored');
          })
          .catch((err) => logger.warn({ err: (err as Error).message }, 'dex screener poll failed; retrying next interval'))
          .finally(() => {
            if (!stopped) timer = setTimeout(loop, intervalMs);
          });
      };
      loop();
      return async () => {
        stopped = true;
        clearTimeout(timer);
        await running;
      };
    },
  };
}

export type DexScreenerConnector = ReturnType<typeof createDexScreenerConnector>;
