import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createEmbeddedAnalyser } from '../analysis/index.ts';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { AnalysisUnavailableError, createAnalysisPool } from './analysisPool.ts';

const logger = pino({ level: 'silent' });
const posts = [
  { title: 'Binance Will List Jupiter (JUP)', text: 'Trading opens for JUP/USDT at 10:00 UTC.', source: { kind: 'exchange' as const, name: 'Binance' } },
  { text: 'Exploit drains $4M from a lending pool on Arbitrum; attacker bridges the ETH out.' },
  { text: 'SEC approves spot Ether ETFs, ETH rallies 8%.' },
];

describe('analysis pool', () => {
  const pool = createAnalysisPool({ size: 2, logger });
  const stub = createAnalysisPool({ size: 1, logger, workerUrl: new URL('../../../test/agents/crashingAnalysisWorker.ts', import.meta.url) });
  afterAll(() => Promise.all([pool.close(), stub.close()]));

  it('answers exactly what the embedded analyser answers in this thread', async () => {
    const here = createEmbeddedAnalyser(createTokenRegistry());
    const expected = await Promise.all(posts.map((post) => here.analyse(post)));
    expect(await Promise.all(posts.map((post) => pool.analyse(post)))).toEqual(expected);
  });

  it('fails one post that cannot be analysed and answers the others', async () => {
    const [ok, bad] = await Promise.allSettled([stub.analyse({ text: 'fine' }), stub.analyse({ text: 'bad' })]);
    expect(ok).toMatchObject({ status: 'fulfilled', value: { summary: 'fine' } });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'cannot analyse this' } });
  });

  it('fails the posts of a worker that dies as unavailable, then carries on with a new worker', async () => {
    const results = await Promise.allSettled([stub.analyse({ text: 'before' }), stub.analyse({ text: 'crash' })]);
    for (const result of results) expect(result).toMatchObject({ status: 'rejected', reason: expect.any(AnalysisUnavailableError) });
    await expect(stub.analyse({ text: 'after' })).resolves.toMatchObject({ summary: 'after' });
  });
});
