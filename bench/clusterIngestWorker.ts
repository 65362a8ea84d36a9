/**
 * One agents worker of `bench:cluster` (forked by cluster.bench.ts): its share of the replay dataset (every
 * `count`-th post from `index`, as the sources a worker holds) through the poller, the embedded analysis on this
 * thread, batch ingest into PostgreSQL and publication on RabbitMQ, as `serve agents` runs it. It plays one untimed pass, says
 * `ready`, and on `go` plays PASSES more with fresh ids, then reports `{ items, seconds }`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { createAnalysers } from '../src/modules/agents/analysers.ts';
import { createPipeline } from '../src/modules/agents/pipeline.ts';
import { createTokenRegistry } from '../src/modules/tokens/tokenRegistry.ts';
import { createStore } from '../test/support/modules.ts';
import { replayPass } from './ingestBaselines.ts';

const PASSES = 3;

const [index, count, run] = process.argv.slice(2).map(Number) as [number, number, number];
const REPLAY_FILE = process.env.REPLAY_FILE ?? fileURLToPath(new URL('../datasets/replay.jsonl', import.meta.url));
const lines = readFileSync(REPLAY_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .filter((_, n) => n % count === index);

const ctx = await createContext(loadConfig(process.env), { logger: pino({ level: 'warn' }) });
const { intelligence, market } = await createStore(ctx);
const analysers = createAnalysers(ctx.config, createTokenRegistry(), ctx.logger);
const deliver = createPipeline({
  agentId: 'news-sentiment-radar',
  analyser: analysers.embedded,
  thresholds: { min_abs_sentiment: 0, min_value: 0, require_tokens: false },
  ingestMany: (items) => intelligence.service.ingestMany(items),
  announced: intelligence.service.announced,
  quotes: market.quotes,
  logger: ctx.logger,
});

/** One pass: its own week of published time and its own ids, so no pass merges into another's or another run's. */
const pass = (n: number) => replayPass(lines, run * 10 + n, deliver, `${run}.${index}.${n}`);

await pass(0);
process.send!({ ready: true });
process.once('message', async () => {
  const began = performance.now();
  for (let n = 1; n <= PASSES; n++) await pass(n);
  const seconds = (performance.now() - began) / 1000;
  process.send!({ items: lines.length * PASSES, seconds });
  await analysers.close();
  await ctx.close();
  process.exit(0);
});
