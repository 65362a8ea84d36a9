import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { createReplayConnector } from './replay.ts';

const line = (id: string, offset: number, kind = 'news') =>
  JSON.stringify({
    source: { kind, name: 'CoinDesk' },
    external_id: id,
    title: `Story ${id}`,
    text: `Bitcoin story ${id}`,
    offset_seconds: offset,
  });

describe('replay connector', () => {
  const lines = [
    line('a', 0),
    line('b', 60, 'twitter'),
    '{"source":',
    line('c', 120),
    '',
    JSON.stringify({ external_id: 'd', text: 'x', offset_seconds: 130 }),
    line('e', 600),
  ];

  it('plays posts when their offset, scaled by the speed, has elapsed', async () => {
    const clock = createManualClock();
    const replay = createReplayConnector({ id: 'r', lines, speed: 60, clock });
    const first = await replay.poll(null);
    expect(first.posts.map((p) => p.external_id)).toEqual(['replay:a']);
    expect(first.posts[0]).toMatchObject({
      source: { kind: 'news', name: 'CoinDesk' },
      title: 'Story a',
      text: 'Bitcoin story a',
      published_at: new Date(clock.now()).toISOString(),
    });
    clock.advance(1_000);
    const second = await replay.poll(first.cursor);
    expect(second.posts.map((p) => p.external_id)).toEqual(['replay:b']);
    expect(second.posts[0]!.published_at).toBe(new Date(clock.now()).toISOString());
    expect(second.skipped).toEqual([{ entry: 'line 3', reason: expect.stringMatching(/^not JSON/) }]);
    clock.advance(1_500);
    const third = await replay.poll(second.cursor);
    expect(third.posts.map((p) => p.external_id)).toEqual(['replay:c']);
    expect(third.skipped).toEqual([{ entry: 'line 6', reason: expect.stringMatching(/^source: /) }]);
    expect(third.cursor).toEqual({ line: 6 });
  });

  it('resumes from the persisted line, with its clock starting there', async () => {
    const replay = createReplayConnector({ id: 'r', lines, speed: 60, clock: createManualClock() });
    const { posts, cursor } = await replay.poll({ line: 6 });
    expect(posts.map((p) => p.external_id)).toEqual(['replay:e']);
    expect(cursor).toEqual({ line: 7 });
    expect((await replay.poll(cursor)).posts).toEqual([]);
  });

  it('plays everything at infinite speed, in batches, and only the kinds asked for', async () => {
    const replay = createReplayConnector({
      id: 'r',
      lines,
      speed: Infinity,
      clock: createManualClock(),
      kinds: ['news'],
      batchSize: 2,
    });
    const first = await replay.poll(null);
    expect(first.posts.map((p) => p.external_id)).toEqual(['replay:a', 'replay:c']);
    const second = await replay.poll(first.cursor);
    expect(second.posts.map((p) => p.external_id)).toEqual(['replay:e']);
  });
});
