/**
 * The servers `bench/feed.bench.ts` measures, run in a child process:
 * `bare` is Fastify with a JSON route and nothing else (the baseline), once
 * serialising an object and once sending the serialised string;
 * `gateway` is the real gateway built from the environment.
 */
import Fastify from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { createPlatform, platformModules } from '../src/platform.ts';
import { buildGateway } from '../src/gateway.ts';

const mode = process.argv[2];
let url: string;
if (mode === 'bare') {
  const text = process.env.BENCH_PAYLOAD ?? '{}';
  const payload = JSON.parse(text);
  const app = Fastify();
  app.get('/', async () => payload);
  // The same bytes sent as an already-serialised string, as the feed's cache hits are.
  app.get('/serialised', async (_request, reply) => reply.type('application/json; charset=utf-8').send(text));
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
} else {
  const ctx = await createContext(loadConfig(process.env), {
    logger: pino({ level: 'warn' }),
    migrations: platformModules.migrations(),
  });
  const app = await buildGateway(await createPlatform(ctx));
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
