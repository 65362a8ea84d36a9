import { z } from 'zod';
import { dataException } from '../../../core/dataException.ts';
import { systemClock } from '../../../core/clock.ts';
import { errorText, type Logger } from '../../../core/logger.ts';
import { runPollLoop } from '../../../core/pollLoop.ts';
import { describeIssue } from '../../connectors/index.ts';
import type { IngestItem } from '../../intelligence/index.ts';
import { MAX_ADDRESSES_PER_CALL, type DexScreenerClient } from './client.ts';
import type { Pair, TokenProfile } from './schemas.ts';
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
export function createDexScreenerConnector({
  client,
  ingest,
  logger,
  intervalMs,
  now = () => new Date(),
}: DexScreenerConnectorDeps) {
  const stored = new Set<string>();
  const keyOf = (p: TokenProfile) => `${p.chainId}:${p.tokenAddress}`;

  function remember(key: string) {
    stored.add(key);
    if (stored.size > REMEMBERED) stored.delete(stored.values().next().value!);
  }

  /**
   * Stores one token; a profile that is not a valid item, or that the
   * database refuses as data, is logged and skipped (it would fail on every
   * poll), so it never holds back the tokens after it.
   */
  async function storeToken(profile: TokenProfile, pair: Pair): Promise<boolean> {
    try {
      await ingest(newTokenItem(profile, pair, now()));
      return true;
    } catch (err) {
      const sqlState = dataException(err);
      const reason =
        err instanceof z.ZodError
          ? describeIssue(err)
          : sqlState
            ? `the database refused it (SQLSTATE ${sqlState})`
            : null;
      if (!reason) throw err;
      logger.warn({ connector: 'dex-screener', entry: keyOf(profile), reason }, 'skipped a token profile');
      return false;
    }
  }

  async function storeChain(chainId: string, profiles: TokenProfile[]): Promise<number> {
    let count = 0;
    for (let i = 0; i < profiles.length; i += MAX_ADDRESSES_PER_CALL) {
      const batch = profiles.slice(i, i + MAX_ADDRESSES_PER_CALL);
      const pairs = await client.pairsOf(
        chainId,
        batch.map((p) => p.tokenAddress),
      );
      for (const profile of batch) {
        const pair = mainPair(profile, pairs);
        if (!pair) continue;
        if (await storeToken(profile, pair)) count++;
        remember(keyOf(profile));
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
    /** Polls every interval until the returned stop, backing off while DEX Screener fails. */
    start(): () => Promise<void> {
      const controller = new AbortController();
      const poll = async () => {
        const count = await pollOnce();
        if (count) logger.info({ count }, 'dex screener: new tokens stored');
      };
      const loop = runPollLoop(poll, {
        intervalMs,
        clock: systemClock,
        signal: controller.signal,
        onFailure: (err, failures, retryInMs) =>
          logger.warn({ err: errorText(err), failures, retryInMs }, 'dex screener poll failed'),
      });
      return async () => {
        controller.abort();
        await loop;
      };
    },
  };
}

export type DexScreenerConnector = ReturnType<typeof createDexScreenerConnector>;
