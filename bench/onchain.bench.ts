/**
 * `npm run bench:onchain`: naughty_coin.check_token on the embedded local chain (anvil from npm, the demo
 * economy), in one run on this machine:
 *   (a) one cold check: the first after the chain is up (clients and the probe's code not yet in use);
 *   (b) tokens fully checked per second, the demo tokens over and over, four at a time;
 *   (c) the same number of bare JSON-RPC calls as one check makes (eth_blockNumber, in the same number of
 *       HTTP requests), sent back to back: the ratio (a or a warm check) / (c) is the check's own overhead.
 * Targets: (b) at least 20 tokens/s, (a) under 500 ms. ONCHAIN_BENCH_ROUNDS sets the rounds of (b) (default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import { leaseTables } from '../src/core/lease/table.ts';
import { ModuleList } from '../src/core/module.ts';
import { marketModule } from '../src/modules/market/index.ts';
import { onchainModule } from '../src/modules/onchain/index.ts';
import { tokensModule } from '../src/modules/tokens/index.ts';
import { toolsModule } from '../src/modules/tools/index.ts';
import { machine, median, recordSection, table } from './support.ts';

const ROUNDS = Number(process.env.ONCHAIN_BENCH_ROUNDS ?? 10);
const CONCURRENCY = 4;

const dataDir = mkdtempSync(join(tmpdir(), 'alphanest-bench-onchain-'));
const config = loadConfig({
  ENV: 'testing',
  DATA_DIR: dataDir,
  DEMO_DATA: 'false',
  LOG_LEVEL: 'warn',
  TOOL_RATE_LIMIT_PER_MINUTE: '100000000',
});
// The modules a check needs, with their tables (the chain index is the on-chain module's).
const modules = new ModuleList()
  .add(leaseTables)
  .add(tokensModule)
  .add(marketModule)
  .add(onchainModule)
  .add(toolsModule);
const ctx = await createContext(config, {
  logger: pino({ level: 'warn' }),
  inMemoryDb: true,
  migrations: modules.migrations(),
});
try {
  const platform = await modules.create(ctx);
  const started = performance.now();
  const { url, economy } = await platform.onchain.localChain.ready();
  const startMs = Math.round(performance.now() - started);

  // Count what reaches anvil: HTTP requests and the JSON-RPC messages in them.
  const counted = { requests: 0, messages: 0 };
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).startsWith(url)) {
      counted.requests++;
      const body = JSON.parse(String(init?.body ?? '{}')) as unknown;
      counted.messages += Array.isArray(body) ? body.length : 1;
    }
    return realFetch(input, init);
  };

  const check = async (address: string) => {
    const outcome = await platform.tools.registry.execute(
      'naughty_coin.check_token',
      { chain: 'local', address },
      { principal: null },
    );
    if (!outcome.ok) throw new Error(`${address}: ${outcome.error.message}`);
  };
  const tokens = Object.values(economy.tokens);

  const coldStart = performance.now();
  await check(economy.tokens.clean);
  const coldMs = performance.now() - coldStart;
  const perCheck = { ...counted };

  const warm: number[] = [];
  for (const token of tokens) {
    const t = performance.now();
    await check(token);
    warm.push(performance.now() - t);
  }

  const queue = Array.from({ length: ROUNDS }, () => tokens).flat();
  const throughputStart = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await check(next);
    }),
  );
  const seconds = (performance.now() - throughputStart) / 1000;
  const checked = ROUNDS * tokens.length;
  // One check's calls, as the cold check made them (checks running together share batches).
  const messagesPerCheck = perCheck.messages;
  const requestsPerCheck = Math.max(1, perCheck.requests);

  // The same calls, bare: eth_blockNumber in as many HTTP requests as a check makes, back to back.
  const bare: number[] = [];
  for (let run = 0; run < 20; run++) {
    const t = performance.now();
    for (let r = 0; r < requestsPerCheck; r++) {
      const size = Math.ceil(messagesPerCheck / requestsPerCheck);
      const batch = Array.from({ length: size }, (_, id) => ({
        jsonrpc: '2.0',
        id,
        method: 'eth_blockNumber',
        params: [],
      }));
      await (
        await realFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(batch),
        })
      ).json();
    }
    bare.push(performance.now() - t);
  }
  globalThis.fetch = realFetch;

  const bareMs = median(bare);
  const rows = [
    ['local chain start (anvil, compile, deploy)', `${startMs} ms`, ''],
    [
      'one cold check (a)',
      `${coldMs.toFixed(0)} ms`,
      `${perCheck.messages} JSON-RPC calls in ${perCheck.requests} HTTP requests`,
    ],
    [`one warm check, median of the ${tokens.length} tokens`, `${median(warm).toFixed(0)} ms`, ''],
    [
      `tokens checked per second (b), ${CONCURRENCY} at a time`,
      (checked / seconds).toFixed(1),
      `${checked} checks in ${seconds.toFixed(1)} s`,
    ],
    [
      'the same bare JSON-RPC calls (c)',
      `${bareMs.toFixed(1)} ms`,
      `${messagesPerCheck} × eth_blockNumber in ${requestsPerCheck} requests`,
    ],
    ['warm check / bare calls', `${(median(warm) / bareMs).toFixed(1)} ×`, ''],
  ];
  const body = `${machine()}. Targets: (b) ≥ 20 tokens/s, (a) < 500 ms.\n\n${table(['measure', 'value', 'detail'], rows)}`;
  console.info(body);
  recordSection('On-chain token checks (bench:onchain)', body);
} finally {
  await ctx.close();
  rmSync(dataDir, { recursive: true, force: true });
}
