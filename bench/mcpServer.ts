/**
 * The servers `bench/mcp.bench.ts` measures, run in a child process:
 * `bare` is Fastify with one POST route answering a fixed JSON body (the
 * baseline); `tools` is the real tool server (MCP + REST) on an in-memory database
 * (MCP_SESSIONS from the environment), with `POST /bench/ingest {count}` to store items.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { createPlatform, platformModules } from '../src/platform.ts';
import { buildToolServer } from '../src/modules/tools/app.ts';
import { ingestSchema } from '../src/modules/intelligence/index.ts';

const mode = process.argv[2];
let url: string;
if (mode === 'bare') {
  const payload = JSON.parse(process.env.BENCH_PAYLOAD ?? '{}');
  const app = Fastify();
  app.post('/', async () => payload);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
} else {
  const config = loadConfig({ ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'alphanest-bench-mcp-')) });
  const ctx = await createContext(config, {
    logger: pino({ level: 'warn' }),
    inMemoryDb: true,
    migrations: platformModules.migrations(),
  });
  const platform = await createPlatform(ctx);
  const app = await buildToolServer(ctx, platform.tools);
  // For the subscription case: stores `count` items one after another and says when each was stored.
  app.post('/bench/ingest', async (request) => {
    const { count } = request.body as { count: number };
    const stored: Array<{ offset: number; at: number }> = [];
    for (let n = 0; n < count; n++) {
      const title = `Bench item ${n} ${Date.now()}`;
      const { item } = await platform.intelligence.service.ingest(
        ingestSchema.parse({
          external_id: `bench-mcp-${process.pid}-${Date.now()}-${n}`,
          type: 'news',
          title,
          content: `${title}: the story.`,
          sentiment: { label: 'neutral', score: 0 },
          value: { score: 50 },
          tokens: [{ symbol: 'BTC' }],
          source: { name: 'Bench Wire' },
          agent_id: 'news-sentiment-radar',
          published_at: new Date().toISOString(),
        }),
      );
      stored.push({ offset: item.offset, at: performance.timeOrigin + performance.now() });
    }
    return { stored };
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.once(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => ctx.close())
        .then(() => process.exit(0)),
  );
}
process.send?.({ url });
