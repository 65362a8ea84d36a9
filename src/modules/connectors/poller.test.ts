import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { z } from 'zod';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { pollBacklog, runPoller, pollOnce } from './poller.ts';
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

/**
 * A source with `total` posts ready, `size` a batch, that says when it has more; it counts its polls, and fails the
 * one numbered `failing` (from 1).
 */
function backlog(total: number, size: number, failing?: number): Connector<{ n: number }> & { polls: number } {
  return {
    id: 'agent:backlog',
    intervalMs: 30_000,
    cursorSchema: z.object({ n: z.number() }),
    polls: 0,
    async poll(cursor) {
      if (++this.polls === failing) throw new Error('source down');
      const from = cursor?.n ?? 0;
      const to = Math.min(total, from + size);
      const posts = Array.from({ length: to - from }, (_, i) => post(from + i));
      return { posts, skipped: [], cursor: { n: to }, more: to < total };
    },
  };
}

/** A promise and its resolve and reject, to settle a delivery when the test says. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A deliver whose deliveries settle when the test says: each holds the first post it got and its resolve/reject. */
function heldDeliveries() {
  const deliveries: Array<{ first: string } & ReturnType<typeof deferred<string>>> = [];
  const deliver = (posts: RawPost[]) => {
    const done = deferred<string>();
    deliveries.push({ first: posts[0]!.external_id, ...done });
    return done.promise;
  };
  return { deliveries, deliver };
}

/** Whether `run` has settled yet, either way. */
function settledFlag(run: Promise<unknown>): () => boolean {
  let settled = false;
  void run
    .catch(() => {})
    .finally(() => {
      settled = true;
    });
  return () => settled;
}

/** The backlog of `source` delivered by `deliver`, its cursors kept in memory (`cursors`), as an agents worker runs it. */
function backlogRun(source: Connector<{ n: number }>, deliver: (posts: RawPost[]) => Promise<unknown>) {
  const cursors = memoryCursors();
  return { cursors, run: pollBacklog({ connector: source, cursors, logger, deliver }, undefined) };
}

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

  it('delivers a backlog batch after batch, each while the one before is stored, committing cursors in order', async () => {
    const cursors = memoryCursors();
    const { deliveries, deliver } = heldDeliveries();
    const committed: unknown[] = [];
    const reports: unknown[] = [];
    const run = pollBacklog(
      {
        connector: backlog(7, 3),
        cursors: { ...cursors, set: async (_id, cursor) => void committed.push(cursor) },
        logger,
        deliver,
      },
      undefined,
      (report) => reports.push(report.delivered),
    );
    await settle();
    // The second batch is delivered while the first is not done yet; a third waits for the first.
    expect(deliveries.map((d) => d.first)).toEqual(['n:0', 'n:3']);
    deliveries[1]!.resolve('second');
    await settle();
    expect(committed).toEqual([]);
    expect(deliveries).toHaveLength(2);
    deliveries[0]!.resolve('first');
    await settle();
    expect(committed).toEqual([{ n: 3 }, { n: 6 }]);
    expect(deliveries.map((d) => d.first)).toEqual(['n:0', 'n:3', 'n:6']);
    deliveries[2]!.resolve('third');
    await run;
    expect(committed).toEqual([{ n: 3 }, { n: 6 }, { n: 7 }]);
    expect(reports).toEqual(['first', 'second', 'third']);
  });

  it('commits no cursor past a batch whose delivery failed, and fails once the batch after it settles', async () => {
    const { deliveries, deliver } = heldDeliveries();
    const { cursors, run } = backlogRun(backlog(9, 3), deliver);
    const settled = settledFlag(run);
    await settle();
    deliveries[0]!.resolve('first');
    await settle();
    expect(cursors.saved.get('agent:backlog')).toEqual({ n: 3 });
    // The second fails while the third is in flight: the run waits for the third, and commits neither.
    deliveries[1]!.reject(new Error('store down'));
    await settle();
    expect(deliveries).toHaveLength(3);
    expect(settled()).toBe(false);
    deliveries[2]!.resolve('third');
    await expect(run).rejects.toThrow('store down');
    expect(cursors.saved.get('agent:backlog')).toEqual({ n: 3 });
  });

  it('fetches nothing more once a delivery fails, and ends only when the one ahead of it has settled', async () => {
    const { deliveries, deliver } = heldDeliveries();
    const source = backlog(12, 3);
    const { cursors, run } = backlogRun(source, deliver);
    const settled = settledFlag(run);
    await settle();
    // The second fails while the first is still being stored.
    deliveries[1]!.reject(new Error('store down'));
    await settle();
    expect(settled()).toBe(false);
    deliveries[0]!.resolve('first');
    await expect(run).rejects.toThrow('store down');
    expect(deliveries).toHaveLength(2);
    expect(source.polls).toBe(2);
    expect(cursors.saved.get('agent:backlog')).toEqual({ n: 3 });
  });

  it('a delivery that throws at once fails the batch like one that rejects', async () => {
    const { cursors, run } = backlogRun(backlog(6, 3), () => {
      throw new Error('analysis down');
    });
    await expect(run).rejects.toThrow('analysis down');
    expect(cursors.saved.size).toBe(0);
  });

  it('ends on a poll that fails mid-backlog once the delivery in flight is stored, its cursor committed', async () => {
    const { deliveries, deliver } = heldDeliveries();
    const source = backlog(12, 3, 3);
    const { cursors, run } = backlogRun(source, deliver);
    const settled = settledFlag(run);
    await settle();
    deliveries[0]!.resolve('first');
    await settle();
    // The third poll failed; the second batch is still being stored.
    expect(source.polls).toBe(3);
    expect(settled()).toBe(false);
    deliveries[1]!.resolve('second');
    await expect(run).rejects.toThrow('source down');
    expect(cursors.saved.get('agent:backlog')).toEqual({ n: 6 });
  });

  it('fetches nothing after an abort, and ends once what was delivered is stored', async () => {
    const cursors = memoryCursors();
    const controller = new AbortController();
    const delivered: string[] = [];
    await pollBacklog(
      {
        connector: backlog(30, 3),
        cursors,
        logger,
        deliver: async (posts) => {
          delivered.push(posts[0]!.external_id);
          if (delivered.length === 2) controller.abort();
        },
      },
      controller.signal,
    );
    expect(delivered).toEqual(['n:0', 'n:3']);
    expect(cursors.saved.get('agent:backlog')).toEqual({ n: 6 });
  });

  it('stops the backlog when a cursor cannot be written', async () => {
    const source = backlog(30, 3);
    const run = pollBacklog(
      {
        connector: source,
        cursors: {
          get: async () => undefined,
          set: async () => {
            throw new Error('lease lost');
          },
        },
        logger,
        deliver: async () => 'ok',
      },
      undefined,
    );
    await expect(run).rejects.toThrow('lease lost');
    expect(source.polls).toBe(2);
  });

  it('polls a backlog at once, then waits the interval', async () => {
    const clock = createManualClock();
    const controller = new AbortController();
    const delivered: string[] = [];
    const connector = backlog(5, 2);
    let polls = 0;
    await runPoller(
      {
        connector: {
          ...connector,
          async poll(cursor, signal) {
            if (++polls === 4) controller.abort();
            return connector.poll(cursor as { n: number }, signal);
          },
        },
        cursors: memoryCursors(),
        logger,
        deliver: async (posts) => void delivered.push(...posts.map((p) => p.external_id)),
      },
      { clock, signal: controller.signal },
    );
    expect(delivered).toEqual(['n:0', 'n:1', 'n:2', 'n:3', 'n:4']);
    // Three polls took the backlog with no wait between them: one sleep after them, and one after the fourth poll,
    // which stopped the loop (an aborted sleep ends at once).
    expect(clock.sleeps).toEqual([30_000, 30_000]);
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
