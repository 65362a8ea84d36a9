import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import type { Clock } from '../../core/clock.ts';
import { createHttpClient } from '../../core/outbound/httpClient.ts';
import {
  createBinanceConnector,
  createCryptoPanicConnector,
  createReplayConnector,
  createRssConnector,
  createXConnector,
  type Connector,
} from '../connectors/index.ts';
import type { SourceCredentials } from '../secrets/index.ts';
import type { Pipeline, SourceConfig } from './pipelineConfig.ts';

const HTTP_TIMEOUT_MS = 15_000;

export interface SourceSetup {
  config: Config;
  /** The live sources' credentials in use now (the secrets module's: the environment's over the store's). */
  credentials: () => SourceCredentials;
  clock: Clock;
  logger: Logger;
  /** The replay dataset's lines; null when it could not be read. */
  replayLines: string[] | null;
  /** `agents run --once`: the replay plays its next batch at once instead of in recorded time. */
  once: boolean;
}

type LiveSource = Exclude<SourceConfig, { type: 'replay' }>;

/**
 * A credential as the connector reads it for every request, so a new version in the secrets store goes
 * with the first request after the store's next refresh; undefined when it is not set as the agents
 * start. The store never takes back a value it held: the one at start is there only for the type.
 */
function currentCredential(setup: SourceSetup, name: keyof SourceCredentials): (() => string) | undefined {
  const atStart = setup.credentials()[name];
  return atStart === undefined ? undefined : () => setup.credentials()[name] ?? atStart;
}

function live(agentId: string, source: LiveSource, setup: SourceSetup): Connector | string {
  const { config, clock } = setup;
  const id = `${agentId}:${source.type}`;
  const intervalMs = source.interval_seconds * 1000;
  // Each connector has a client of its own, so its rate per host is its own budget.
  const perHostRateLimit = { perMinute: source.rate_per_minute };
  const http = (headers?: Record<string, string>) =>
    createHttpClient({ timeoutMs: HTTP_TIMEOUT_MS, perHostRateLimit, headers, clock });
  switch (source.type) {
    case 'rss': {
      const urls = config.RSS_FEEDS ? config.RSS_FEEDS.split(',').map((u) => u.trim()) : source.urls;
      return urls.length
        ? createRssConnector({ id, intervalMs, http: http(), urls })
        : 'no feed URLs (set RSS_FEEDS or list urls)';
    }
    case 'x': {
      const bearerToken = currentCredential(setup, 'X_BEARER_TOKEN');
      if (!bearerToken) return 'X_BEARER_TOKEN is not set';
      return createXConnector({
        id,
        intervalMs,
        http: http(),
        baseUrl: config.X_API_BASE_URL,
        bearerToken,
        query: source.query,
      });
    }
    case 'cryptopanic': {
      const token = currentCredential(setup, 'CRYPTOPANIC_TOKEN');
      if (!token) return 'CRYPTOPANIC_TOKEN is not set';
      return createCryptoPanicConnector({
        id,
        intervalMs,
        http: http(),
        baseUrl: config.CRYPTOPANIC_BASE_URL,
        token,
        filter: source.filter,
        currencies: source.currencies,
      });
    }
    case 'binance':
      return createBinanceConnector({
        id,
        intervalMs,
        http: http(),
        baseUrl: config.BINANCE_CMS_BASE_URL,
        catalogs: source.catalogs,
      });
  }
}

/**
 * The connectors an agent runs: the replay source, the live ones, or both
 * (AGENT_SOURCES). A live source without its credentials is left out with a
 * log line rather than failing every poll.
 */
export function connectorsFor(agentId: string, pipeline: Pipeline, setup: SourceSetup): Connector[] {
  const mode = setup.config.AGENT_SOURCES;
  const connectors: Connector[] = [];
  for (const source of pipeline.sources) {
    if (source.type === 'replay') {
      if (mode === 'live' || !setup.replayLines) continue;
      connectors.push(
        createReplayConnector({
          id: `${agentId}:replay`,
          lines: setup.replayLines,
          speed: setup.once ? Infinity : setup.config.REPLAY_SPEED,
          clock: setup.clock,
          kinds: source.kinds,
        }),
      );
      continue;
    }
    if (mode === 'replay') continue;
    const connector = live(agentId, source, setup);
    if (typeof connector === 'string')
      setup.logger.info({ agent: agentId, source: source.type, reason: connector }, 'source not started');
    else connectors.push(connector);
  }
  return connectors;
}
