import type { Cache } from '../../core/cache/cache.ts';
import { systemClock } from '../../core/clock.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import { runPollLoop } from '../../core/pollLoop.ts';
import type { IngestItem } from '../intelligence/index.ts';
import type { Scanner } from './scanner.ts';
import { toOpportunity } from './presentation.ts';
import { bestPerSymbol, opportunityItem } from './publication.ts';
import type { ArbitrageSnapshot } from './schemas.ts';

export const OPPORTUNITIES_KEY = 'arbitrage:opportunities';

/**
 * The continuous scan: every interval it prices every symbol across every
 * venue pair, keeps the profitable trades in the cache (so every node, and
 * the tools, read the same current list) and publishes those above the
 * threshold as intelligence.
 */
export interface ArbitrageEngine {
  scanOnce(): Promise<ArbitrageSnapshot>;
  /** The latest scan any node stored, or null when none is current. */
  current(): Promise<ArbitrageSnapshot | null>;
  /** Starts the loop, once per process however many callers start it; resolves with this caller's stop. */
  start(): Promise<() => Promise<void>>;
}

export interface EngineDeps {
  scanner: Scanner;
  sourceKind: ArbitrageSnapshot['source'];
  cache: Cache;
  logger: Logger;
  intervalMs: number;
  publishMinPct: number;
  publish(item: IngestItem): Promise<unknown>;
  now?: () => number;
}

export function createArbitrageEngine(deps: EngineDeps): ArbitrageEngine {
  const { scanner, cache, logger, intervalMs } = deps;
  const now = deps.now ?? Date.now;
  // Outlives a missed round or two; a stopped engine's list disappears on its own.
  const ttlMs = Math.max(3 * intervalMs, 5_000);
  let users = 0;
  let stopLoop: (() => Promise<void>) | undefined;

  async function publish(snapshot: ArbitrageSnapshot) {
    const asOf = new Date(snapshot.as_of);
    for (const o of bestPerSymbol(snapshot.opportunities.filter((x) => x.net_profit_pct >= deps.publishMinPct))) {
      await deps.publish(opportunityItem(o, asOf));
    }
  }

  async function scanOnce(): Promise<ArbitrageSnapshot> {
    const asOf = new Date(now());
    const trades = await scanner.scan();
    const snapshot: ArbitrageSnapshot = {
      as_of: asOf.toISOString(),
      source: deps.sourceKind,
      opportunities: trades.map(toOpportunity),
    };
    await cache
      .set(OPPORTUNITIES_KEY, JSON.stringify(snapshot), ttlMs)
      .catch((err) => logger.warn({ err: errorText(err) }, 'arbitrage: cache unavailable'));
    await publish(snapshot);
    return snapshot;
  }

  /** Each loop has its own signal, so a scan finishing after a stop (and a restart) never keeps a second loop going. */
  function startLoop(): () => Promise<void> {
    const controller = new AbortController();
    const loop = runPollLoop(scanOnce, {
      intervalMs,
      clock: systemClock,
      signal: controller.signal,
      onFailure: (err, failures, retryInMs) => logger.error({ err, failures, retryInMs }, 'arbitrage scan failed'),
    });
    return async () => {
      controller.abort();
      await loop;
    };
  }

  return {
    scanOnce,
    async current() {
      const body = await cache.get(OPPORTUNITIES_KEY).catch(() => null);
      return body ? (JSON.parse(body) as ArbitrageSnapshot) : null;
    },
    async start() {
      if (users++ === 0) stopLoop = startLoop();
      let stopped = false;
      return async () => {
        if (stopped) return;
        stopped = true;
        if (--users > 0) return;
        await stopLoop?.();
      };
    },
  };
}
