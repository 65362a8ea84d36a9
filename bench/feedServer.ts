/**
 * The servers `bench/feed.bench.ts` measures, run in a child process:
 * `bare` is Fastify with a JSON route and nothing else (the baseline), once
 * serialising an object and once sending the serialised string;
 * `pg` is Fastify running the feed's SELECT through a bare `pg` pool of 10
 * connections and answering JSON.stringify of the rows (the cache-miss baseline);
 * `gateway` is the real gateway built from the environment.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { createPlatform, platformModules } from '../src/platform.ts';
import { buildGateway } from '../src/gateway.ts';
import { decodeCursor } from '../src/modules/intelligence/cursor.ts';
import { itemColumns } from '../src/modules/intelligence/table.ts';

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
} else if (mode === 'pg') {
  // The columns the feed reads (every one but the tsvector), in its order, with its filters as the bench uses them.
  const columns = Object.values(itemColumns)
    .map((column) => `"${column.name}"`)
    .join(', ');
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    options: `-c search_path="${process.env.DATABASE_SCHEMA}"`,
    max: 10,
  });
  const app = Fastify();
  app.get('/api/v1/intelligence/', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const values: unknown[] = [query.until];
    const where = ['published_at < $1'];
    if (query.type) where.push(`type = $${values.push(query.type)}`);
    if (query.min_value) where.push(`value_score >= $${values.push(Number(query.min_value))}`);
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    if (after) where.push(`(published_at, id) < ($${values.push(after.publishedAt)}, $${values.push(after.id)})`);
    values.push(Number(query.size ?? 20) + 1);
    const { rows } = await pool.query(
      `SELECT ${columns} FROM intelligence_items WHERE ${where.join(' AND ')} ORDER BY published_at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(rows));
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => pool.end().then(() => process.exit(0))));
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
