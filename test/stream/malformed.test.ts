import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext } from '../support/context.ts';
import type { AppContext } from '../../src/core/context.ts';
import { connectStream, type StreamClient } from './streamClient.ts';
import { createManualClock } from '../support/manualClock.ts';
import { startStreamServer, type StreamServer } from './streamServer.ts';

// A full garbage collection before each heap reading, so the comparison is of live memory only.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const liveHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

const padding = 'p'.repeat(10_000);
/** Frames a confused or hostile client might send; none may crash the node or leave anything behind. */
const malformed: Array<string | Buffer> = [
  `not json ${padding}`,
  `{"type":"init","since":"${padding}"}`,
  `[${'['.repeat(3_000)}${']'.repeat(3_000)}]`,
  JSON.stringify({ type: 'init', agents: Array(1_001).fill('ingest') }),
  JSON.stringify({ type: 'init', filters: { types: ['news'], tokens: [padding] } }),
  JSON.stringify({ type: 'follow_agent', agent_id: padding }),
  JSON.stringify({ type: 'init', since: -1, __proto__: { polluted: true } }),
  '{"type":"ping","constructor":{"prototype":{"polluted":true}}}x',
  JSON.stringify({ type: { $ne: null } }),
  Buffer.from(padding),
];

describe('malformed frames', () => {
  let ctx: AppContext;
  let server: StreamServer;
  let client: StreamClient;

  beforeAll(async () => {
    ctx = await createTestContext({
      backend: 'postgres',
      // This test is about parsing, not about closing abusive clients: let every frame through.
      env: { STREAM_MAX_BAD_FRAMES: '1000000', STREAM_INBOUND_FRAMES_PER_SECOND: '10000' },
    });
    server = await startStreamServer(ctx, createManualClock());
    client = await connectStream(server.url);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
    await ctx?.close();
  });

  /** Sends 1,000 malformed frames and waits for the 1,000 error replies; returns their codes and forgets the frames. */
  const sendRound = async () => {
    client.frames.length = 0;
    for (let i = 0; i < 1_000; i++) client.ws.send(malformed[i % malformed.length]!);
    await vi.waitFor(() => expect(client.frames.filter((f) => f.type === 'error')).toHaveLength(1_000), {
      timeout: 20_000,
      interval: 25,
    });
    const codes = client.frames.map((f) => f.code as string);
    client.frames.length = 0;
    return codes;
  };

  it('answers every one of 1,000 malformed frames with an error, stays up and keeps memory flat', async () => {
    expect(new Set(await sendRound())).toEqual(new Set(['invalid_json', 'invalid_message', 'invalid_frame']));
    const before = liveHeap();
    for (let round = 0; round < 10; round++) await sendRound();
    // 10,000 more frames averaging 6 KB went through; kept, they would add about 60 MB.
    expect(liveHeap() - before).toBeLessThan(2 * 1024 * 1024);

    expect(await client.init()).toMatchObject({ type: 'ack', of: 'init' });
  });

  it('closes a frame that is not UTF-8 with 1007 and carries on serving others', async () => {
    const other = await connectStream(server.url);
    other.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await other.closed).code).toBe(1007);
    const next = await connectStream(server.url);
    expect(await next.init()).toMatchObject({ type: 'ack' });
    await next.close();
  });
});
