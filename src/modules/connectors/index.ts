import { defineModule, type FaceOf } from '../../core/module.ts';
import { createCursorStore } from './cursorStore.ts';
import { connectorsMigrations } from './table.ts';

/**
 * The sources agents read (RSS, X, CryptoPanic, exchange announcements, the
 * replay dataset) and the loop that polls them. It owns where each connector
 * stopped (`connector_cursors`), so a restart resumes instead of re-reading.
 */
export const connectorsModule = defineModule({
  name: 'connectors',
  migrations: connectorsMigrations,
  create: (ctx) => ({ cursors: createCursorStore(ctx.db) }),
});

export type ConnectorsModule = FaceOf<typeof connectorsModule>;
export type { CursorStore } from './cursorStore.ts';
export type { Connector, RawPost } from './types.ts';
export { pollBacklog, pollOnce, runPoller, type PollReport } from './poller.ts';
export { describeIssue } from './entries.ts';
export { createReplayConnector } from './replay.ts';
export { createRssConnector } from './rss.ts';
export { createXConnector } from './xRecentSearch.ts';
export { createCryptoPanicConnector } from './cryptoPanic.ts';
export { createBinanceConnector } from './binanceAnnouncements.ts';
