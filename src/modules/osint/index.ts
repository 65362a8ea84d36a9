import { defineModule } from '../../core/module.ts';
import type { IntelligenceModule } from '../intelligence/index.ts';
import { createDexScreenerClient } from './dexscreener/client.ts';
import { createDexScreenerConnector } from './dexscreener/connector.ts';
import { createOsintQueries } from './queries.ts';
import { osintTools } from './tools.ts';

/**
 * OSINT over the intelligence store. With OSINT_DEXSCREENER=true the agents'
 * worker also polls DEX Screener for new token profiles (off by default: it
 * needs the internet).
 */
export const osintModule = defineModule({
  name: 'osint',
  create(ctx, { intelligence }: { intelligence: IntelligenceModule }) {
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
      tools: {
        name: 'osint',
        description:
          'Open-source intelligence over the stored feed: coins mentioned for the first time or rising fastest, and any token’s mention history.',
        tools: osintTools(createOsintQueries(intelligence.mentions, () => new Date())),
      },
      workers: connector ? [{ name: 'DEX Screener', start: async () => connector.start() }] : [],
    };
  },
});
