import type { AppContext } from '../../src/core/context.ts';
import { createHttpApp } from '../../src/core/http/server.ts';
import { createFollowStore } from '../../src/modules/stream/followStore.ts';
import { createIntelligence } from '../support/modules.ts';
import { ingestSchema, type IngestInput, type Item } from '../../src/modules/intelligence/schemas.ts';
import type { Clock } from '../../src/core/clock.ts';
import { streamRoutes } from '../../src/modules/stream/routes.ts';

export interface StreamServer {
  url: string;
  /** Stores and announces an item as the ingest API does. */
  ingest(item?: Partial<IngestInput>): Promise<Item>;
  close(): Promise<void>;
}

let n = 0;

/** Just the stream on a loopback port, driven by the given clock. */
export async function startStreamServer(ctx: AppContext, clock: Clock): Promise<StreamServer> {
  const { service, itemLog, tokenFilterKey } = await createIntelligence(ctx);
  const app = await createHttpApp(ctx, { title: 'stream test', description: 'the stream alone' });
  await app.register(
    streamRoutes(ctx, { log: itemLog, follows: createFollowStore(ctx.db, ctx.metrics), tokenFilterKey, clock }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async ingest(item = {}) {
      n++;
      const input = ingestSchema.parse({
        type: 'news',
        title: `item ${n}`,
        content: `server item ${n}`,
        source: { name: 'stream test' },
        ...item,
      });
      return (await service.ingest(input)).item;
    },
    close: () => app.close(),
  };
}
