import type { Platform } from '../../platform.ts';
import type { ToolDomain } from '../tools/tool.ts';
import { createMentionRepository } from './mentionRepository.ts';
import { createOsintQueries } from './queries.ts';
import { osintTools } from './tools.ts';
import { createDexScreenerClient } from './dexscreener/client.ts';
import { createDexScreenerConnector } from './dexscreener/connector.ts';

/**
 * OSINT over the intelligence store. With OSINT_DEXSCREENER=true the node
 * also polls DEX Screener for new token profiles (off by default: it needs the internet).
 */
export function osintDomain(platform: Platform): ToolDomain {
  const { ctx, intelligence } = platform;
  const { config } = ctx;
  const connector = config.OSINT_DEXSCREENER
    ? createDexScreenerConnector({
        client: createDexScreenerClient({ baseUrl: config.OSINT_DEXSCREENER_URL }),
        ingest: (item) => intelligence.service.ingest(item),
        logger: ctx.logger,
        intervalMs: config.OSINT_DEXSCREENER_INTERVAL_MS,
      })
    : undefined;
  return {
    name: 'osint',
    description: 'Open-source intelligence over the stored feed: coins mentioned for the first time or rising fastest, and any token’s mention history.',
    tools: osintTools(createOsintQueries(createMentionRepository(ctx.db), () => new Date())),
    ...(connector && { start: async () => connector.start() }),
  };
}
