/**
 * `npm run bench:arbitrage` (also part of `npm run bench:mcp`): a full
 * cross-exchange scan of the embedded market, 5 venues × 50 symbols × 50
 * levels per book side, every ordered venue pair priced at its executable
 * size. Each round reads the books of a new second, so nothing is reused.
 *   (a) the scan as the engine runs it: books, fees, every pair, sorting;
 *   (b) the same books already in memory: the arithmetic alone;
 *   (c) baseline: the executable size found the straightforward way, pricing
 *       every level boundary as a candidate size from scratch (O(levels²) per pair).
 * Target: (a) under 50 ms (median round; p99 is shown beside it).
 */
import { allCrossTrades, type CrossTrade, type VenueBook } from '../src/modules/arbitrage/crossExchange.ts';
import { fillBase } from '../src/modules/arbitrage/depth.ts';
import { createScanner } from '../src/modules/arbitrage/scanner.ts';
import { createSimulatedMarket } from '../src/modules/arbitrage/simulatedOrderBooks.ts';
import { createSimulatedPrices } from '../src/modules/market/index.ts';
import { createTokenRegistry } from '../src/modules/tokens/index.ts';
import type { Level } from '../src/modules/arbitrage/marketSource.ts';
import { loadavg } from 'node:os';
import { machine, recordSection, table } from './support.ts';

const ROUNDS = 200;
/** The baseline is two orders of magnitude slower; fewer rounds keep the run short. */
const BASELINE_ROUNDS = 40;
const DEPTH = 50;
const TARGET_MS = 50;
const START = Date.parse('2026-03-01T00:00:00Z');

/** The most profitable size found by trying every level boundary of both books. */
function bruteForceExecutable(asks: readonly Level[], buyFee: number, bids: readonly Level[], sellFee: number): number {
  const boundaries = new Set<number>();
  let cumulative = 0;
  for (const [, size] of asks) {
    cumulative += size;
    boundaries.add(cumulative);
  }
  cumulative = 0;
  for (const [, size] of bids) {
    cumulative += size;
    boundaries.add(cumulative);
  }
  let best = { size: 0, profit: 0 };
  for (const size of boundaries) {
    const bought = fillBase(asks, size);
    const sold = fillBase(bids, size);
    if (!bought.complete || !sold.complete) continue;
    const profit = sold.quote * (1 - sellFee) - bought.quote * (1 + buyFee);
    if (profit > best.profit) best = { size, profit };
  }
  return best.size;
}

function bruteForceScan(bookSets: VenueBook[][]): number {
  let found = 0;
  for (const books of bookSets) {
    for (const buy of books) {
      for (const sell of books) {
        if (buy !== sell && bruteForceExecutable(buy.book.asks, buy.fee, sell.book.bids, sell.fee) > 0) found++;
      }
    }
  }
  return found;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(round: (i: number) => Promise<unknown> | unknown, rounds = ROUNDS) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await round(i);
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
  };
}

export async function arbitrageBench(): Promise<string> {
  const [load] = loadavg();
  let now = START;
  const source = createSimulatedMarket({
    seed: 42,
    prices: createSimulatedPrices(createTokenRegistry()),
    now: () => now,
  });
  const scanner = createScanner(source, { depth: DEPTH });
  const symbols = await scanner.symbols();
  const at = (i: number) => (now = START + i * 1_000);

  await scanner.scan(); // warm-up: JIT and the venue listing
  const full = await measure(async (i) => {
    at(i);
    return scanner.scan();
  });

  const snapshots: VenueBook[][][] = [];
  for (let i = 0; i < ROUNDS; i++) {
    at(ROUNDS + i);
    snapshots.push(await Promise.all(symbols.map((s) => scanner.books(s))));
  }
  const math = await measure((i) => snapshots[i]!.flatMap((books) => allCrossTrades(books)));
  const brute = await measure((i) => bruteForceScan(snapshots[i]!), BASELINE_ROUNDS);

  // Both ways must agree on which pairs are worth trading, or the comparison means nothing.
  const fast = snapshots[0]!
    .flatMap((books) => allCrossTrades(books))
    .filter((t: CrossTrade) => t.executableSize > 0).length;
  const slow = bruteForceScan(snapshots[0]!);
  if (fast !== slow) throw new Error(`merge walk found ${fast} executable pairs, brute force ${slow}`);

  const ms = (v: number) => v.toFixed(2);
  const ratio = (v: number) => `${(v / full.p50).toFixed(2)}×`;
  const venues = source.venues().length;
  const rows = [
    [
      `(a) full scan: ${venues} venues × ${symbols.length} symbols × ${DEPTH} levels`,
      ms(full.p50),
      ms(full.p99),
      ms(full.mean),
      '1.00×',
      `p50 < ${TARGET_MS} ms: ${full.p50 < TARGET_MS ? 'met' : 'missed'}`,
    ],
    ['(b) arithmetic only (books in memory)', ms(math.p50), ms(math.p99), ms(math.mean), ratio(math.p50), ''],
    ['(c) baseline: brute-force executable size', ms(brute.p50), ms(brute.p99), ms(brute.mean), ratio(brute.p50), ''],
  ];
  const pairs = symbols.length * venues * (venues - 1);
  return (
    `${table(['case', 'p50 ms', 'p99 ms', 'mean ms', 'vs (a)', 'target'], rows)}\n\n` +
    `Machine: ${machine()}, load average ${load!.toFixed(1)} at the start. ${ROUNDS} rounds for (a) and (b), ${BASELINE_ROUNDS} for (c), each on the books of a new simulated second; ${pairs} ordered venue pairs per scan, ` +
    `${venues * symbols.length} books of ${DEPTH} levels a side. (a) includes generating the simulated books; (b) and (c) price the same in-memory books, and agree on the executable pairs.`
  );
}

if (import.meta.main) {
  const report = await arbitrageBench();
  process.stdout.write(`\n${report}\n`);
  recordSection('Arbitrage scan (`npm run bench:arbitrage`)', report);
}
