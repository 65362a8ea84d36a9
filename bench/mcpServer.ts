/**
 * The servers `bench/mcp.bench.ts` measures, run in a child process:
 * `bare` is Fastify with one POST route answering a fixed JSON body (the
 * baseline); `tools` is the real tool server (MCP + REST) on an in-memory database.
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
  const app = await buildToolServer(ctx, (await createPlatform(ctx)).tools);
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
