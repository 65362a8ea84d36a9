import { setImmediate as nextTick } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createEmbeddedAnalyser } from '../analysis/index.ts';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { AnalysisUnavailableError, createAnalysisPool } from './analysisPool.ts';

const logger = pino({ level: 'silent' });
const posts = [
  {
    title: 'Binance Will List Jupiter (JUP)',
    text: 'Trading opens for JUP/USDT at 10:00 UTC.',
    source: { kind: 'exchange' as const, name: 'Binance' },
  },
  { text: 'Exploit drains $4M from a lending pool on Arbitrum; attacker bridges the ETH out.' },
  { text: 'SEC approves spot Ether ETFs, ETH rallies 8%.' },
];

describe('analysis pool', () => {
  const pool = createAnalysisPool({ size: 2, logger });
  const workerUrl = new URL('../../../test/agents/crashingAnalysisWorker.ts', import.meta.url);
  const stub = createAnalysisPool({ size: 1, logger, workerUrl });
  afterAll(() => Promise.all([pool.close(), stub.close()]));

  it('answers exactly what the embedded analyser answers in this thread', async () => {
    const here = createEmbeddedAnalyser(createTokenRegistry());
    const expected = await Promise.all(posts.map((post) => here.analyse(post)));
    expect(await Promise.all(posts.map((post) => pool.analyse(post)))).toEqual(expected);
  });

  it('gives each post its own context when the posts of one task carry different ones (or none)', async () => {
    const here = createEmbeddedAnalyser(createTokenRegistry());
    const rising = { market: { ETH: { price_usd: 3120, change_24h_pct: 4.2 }, JUP: { price_usd: 0.8123 } } };
    const falling = { market: { ETH: { price_usd: 2890.5, change_24h_pct: -7.1 } } };
    const asked = [
      [posts[2]!, rising],
      [posts[0]!, rising],
      [posts[2]!, falling],
      [posts[2]!, undefined],
    ] as const;
    const expected = await Promise.all(asked.map(([post, context]) => here.analyse(post, context)));
    expect(expected[0]!.analysis).not.toEqual(expected[2]!.analysis);
    expect(await Promise.all(asked.map(([post, context]) => pool.analyse(post, context)))).toEqual(expected);
  });

  it('fails one post that cannot be analysed and answers the others', async () => {
    const [ok, bad] = await Promise.allSettled([stub.analyse({ text: 'fine' }), stub.analyse({ text: 'bad' })]);
    expect(ok).toMatchObject({ status: 'fulfilled', value: { summary: 'fine' } });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'cannot analyse this' } });
  });

  it('fails the posts of a worker that dies as unavailable, then carries on with a new worker', async () => {
    const results = await Promise.allSettled([stub.analyse({ text: 'before' }), stub.analyse({ text: 'crash' })]);
    for (const result of results)
      expect(result).toMatchObject({ status: 'rejected', reason: expect.any(AnalysisUnavailableError) });
    await expect(stub.analyse({ text: 'after' })).resolves.toMatchObject({ summary: 'after' });
  });

  it('fails a post at once when the queue is full, so its batch is delivered again later', async () => {
    const full = createAnalysisPool({ size: 1, maxQueue: 1, logger, workerUrl });
    await full.analyse({ text: 'ready' });
    // Each tick's posts are one task: the first keeps the only worker busy, the second fills the queue.
    const hung = full.analyse({ text: 'hang' });
    await nextTick();
    const queued = full.analyse({ text: 'queued' });
    await nextTick();
    await expect(full.analyse({ text: 'overflow' })).rejects.toBeInstanceOf(AnalysisUnavailableError);
    // Closing fails what the pool still holds as unavailable too.
    const held = Promise.allSettled([hung, queued]);
    await full.close();
    for (const result of await held)
      expect(result).toMatchObject({ status: 'rejected', reason: expect.any(AnalysisUnavailableError) });
  });

  it('fails the posts of a worker that runs past the task timeout as unavailable, then carries on with a new worker', async () => {
    const slow = createAnalysisPool({ size: 1, taskTimeoutMs: 200, logger, workerUrl });
    try {
      await expect(slow.analyse({ text: 'hang' })).rejects.toBeInstanceOf(AnalysisUnavailableError);
      await expect(slow.analyse({ text: 'after' })).resolves.toMatchObject({ summary: 'after' });
    } finally {
      await slow.close();
    }
  });
});
