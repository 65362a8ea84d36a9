import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { streamServerBed } from '../../../test/stream/streamBed.ts';
import type { StreamClient } from '../../../test/stream/streamClient.ts';

/** Offsets of the messages a client received, alone or in batches, in arrival order. */
const received = (client: StreamClient): number[] =>
  client.frames.flatMap((f) =>
    f.type === 'batch' ? f.messages.map((m: { offset: number }) => m.offset) : f.type === 'message' ? [f.offset] : [],
  );
const has = (client: StreamClient, offset: number) => () => {
  if (!received(client).includes(offset)) throw new Error(`offset ${offset} not received yet`);
};

describe('batch frames on the stream', () => {
  const bed = streamServerBed({ backend: 'postgres' }, createManualClock());

  it('are offered in the ack of init and sent only to clients that asked; a resumed replay comes as one batch, then live items', async () => {
    const start = (await bed.server.ingest()).offset;
    const missed: number[] = [];
    for (let i = 0; i < 6; i++) missed.push((await bed.server.ingest()).offset);
    const batching = await bed.connect();
    const old = await bed.connect();
    expect(await batching.init({ since: start, batch: true })).toMatchObject({
      type: 'ack',
      of: 'init',
      offset: start,
      batch: true,
    });
    expect(await old.init({ since: start })).toMatchObject({ type: 'ack', of: 'init', offset: start, batch: false });
    await batching.next((f) => f.type === 'batch');

    const live = (await bed.server.ingest()).offset;
    for (const client of [batching, old]) await client.next((f) => f.offset === live);
    expect(batching.frames.map((f) => f.type)).toEqual(['ack', 'batch', 'message']);
    expect(received(batching)).toEqual([...missed, live]);
    expect(old.frames.map((f) => f.type)).toEqual(['ack', ...missed.map(() => 'message'), 'message']);
    expect(old.offsets()).toEqual([...missed, live]);
  });

  it('resume from replay to live without a gap or a duplicate while items keep arriving', async () => {
    const start = (await bed.server.ingest()).offset;
    const posted: number[] = [];
    const posting = (async () => {
      for (let i = 0; i < 20; i++) posted.push((await bed.server.ingest()).offset);
    })();
    const resumed: StreamClient[] = [];
    while (posted.length < 15) {
      const client = await bed.connect();
      await client.init({ since: start, batch: true });
      resumed.push(client);
    }
    await posting;
    for (const client of resumed) {
      await vi.waitFor(has(client, posted.at(-1)!), { timeout: 20_000, interval: 25 });
      expect(received(client)).toEqual(posted);
    }
  });
});
