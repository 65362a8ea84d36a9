import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { z } from 'zod';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { runPoller, pollOnce } from './poller.ts';
import { HttpStatusError } from '../../core/outbound/errors.ts';
import type { CursorStore } from './cursorStore.ts';
import type { Connector, RawPost } from './types.ts';

const logger = pino({ level: 'silent' });

function memoryCursors(): CursorStore & { saved: Map<string, unknown> } {
  const saved = new Map<string, unknown>();
  return { saved, get: async (id) => saved.get(id), set: async (id, cursor) => void saved.set(id, cursor) };
}

const post = (n: number): RawPost => ({
  source: { kind: 'news', name: 'Feed' },
  external_id: `n:${n}`,
  text: `post ${n}`,
});

/** A source whose polls follow a script: a number of posts, or an error to throw. */
function scripted(script: Array<number | Error>): Connector<{ n: number }> {
  return {
    id: 'agent:scripted',
    intervalMs: 30_000,
    cursorSchema: z.object({ n: z.number() }),
    async poll(cursor) {
      const step = script.shift() ?? 0;
      if (step instanceof Error) throw step;
      const from = cursor?.n ?? 0;
      return { posts: Array.from({ length: step }, (_, i) => post(from + i)), skipped: [], cursor: { n: from + step } };
    },
  };
}

describe('poller', () => {
  it('commits the cursor only after the batch is delivered', async () => {
    const cursors = memoryCursors();
    const connector = scripted([2, 3]);
    await expect(
      pollOnce({ connector, cursors, logger, deliver: async () => Promise.reject(new Error('store down')) }),
    ).rejects.toThrow('store down');
    expect(cursors.saved.size).toBe(0);
    const delivered: string[] = [];
    await pollOnce({
      connector,
      cursors,
      logger,
      deliver: async (posts) => void delivered.push(...posts.map((p) => p.external_id)),
    });
    expect(delivered).toEqual(['n:0', 'n:1', 'n:2']);
    expect(cursors.saved.get('agent:scripted')).toEqual({ n: 3 });
  });

  it('discards a stored cursor it cannot read and starts from the head', async () => {
    const cursors = memoryCursors();
    cursors.saved.set('agent:scripted', { n: 'garbage' });
    const report = await pollOnce({ connector: scripted([1]), cursors, logger, deliver: async () => 'ok' });
    expect(report).toEqual({ connector: 'agent:scripted', fetched: 1, skipped: 0, delivered: 'ok' });
    expect(cursors.saved.get('agent:scripted')).toEqual({ n: 1 });
  });

  it('waits the interval while healthy and backs off (honouring Retry-After) while failing', async () => {
    const clock = createManualClock();
    const controller = new AbortController();
    const steps = [
      1,
      new Error('boom'),
      new Error('boom'),
      new HttpStatusError('x.test', 429, { retryAfterMs: 600_000 }),
      1,
    ];
    let polls = 0;
    const connector = scripted([...steps]);
    const counting: Connector = {
      ...connector,
      async poll(cursor, signal) {
        if (++polls === steps.length) controller.abort();
        return connector.poll(cursor as { n: number }, signal);
      },
    };
    await runPoller(
      { connector: counting, cursors: memoryCursors(), logger, deliver: async () => null },
      { clock, signal: controller.signal, backoff: { baseMs: 1_000, maxMs: 60_000 } },
    );
    const [healthy, first, second, limited] = clock.sleeps;
    expect(healthy).toBe(30_000);
    expect(first).toBeGreaterThanOrEqual(500);
    expect(first).toBeLessThanOrEqual(1_000);
    expect(second).toBeGreaterThanOrEqual(1_000);
    expect(second).toBeLessThanOrEqual(2_000);
    expect(limited).toBe(600_000);
    expect(polls).toBe(5);
  });
});
