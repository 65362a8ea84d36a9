import { once } from 'node:events';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { createTokenBucket } from '../../core/tokenBucket.ts';
import { Flusher, WireFrames, type Outgoing } from './coalescing.ts';
import { type CloseReason, StreamConnection } from './connection.ts';
import { closeCodes, serverFrames } from './protocol.ts';
import type { StreamItem } from './subscription.ts';

const item = (offset: number): StreamItem => ({
  offset,
  agents: ['listing-hunter'],
  joinedAt: [offset],
  type: 'news',
  highValue: false,
  tokenKeys: [],
  sentiment: 'neutral',
  event: null,
  value: 50,
  frame: serverFrames.message({ offset, id: `item-${offset}`, title: 'x'.repeat(100) } as never),
  deliveredAt: 0,
});

interface Pair {
  conn: StreamConnection;
  /** Frames the client received, parsed. */
  frames: Array<{ type: string; offset?: number; messages?: Array<{ offset: number }> }>;
  /** Calls the server's socket made to write (one per write syscall's worth of frames). */
  writes: () => number;
  closed: Promise<number>;
  closes: CloseReason[];
}

/**
 * StreamConnections over real loopback WebSockets, without the rest of the stream:
 * what one turn of queued frames becomes on the wire.
 */
describe('write coalescing', () => {
  const flusher = new Flusher((err) => {
    throw err;
  });
  let server: WebSocketServer;
  let url: string;
  const clients: WebSocket[] = [];

  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(async () => {
    for (const client of clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  async function connect(options: { batch?: boolean; sendBuffer?: number } = {}): Promise<Pair> {
    const accepted = once(server, 'connection') as Promise<[WebSocket]>;
    const client = new WebSocket(url);
    clients.push(client);
    const frames: Pair['frames'] = [];
    client.on('message', (data) => frames.push(JSON.parse(data.toString())));
    const closed = once(client, 'close').then(([code]) => code as number);
    const [ws] = await accepted;
    await once(client, 'open');
    const clock = createManualClock();
    const closes: CloseReason[] = [];
    const conn = new StreamConnection(
      ws,
      null,
      createTokenBucket(10, 1, clock),
      options.sendBuffer ?? 1 << 20,
      flusher,
      (reason) => closes.push(reason),
    );
    conn.batch = options.batch ?? false;
    conn.live = true;
    const socket = (ws as unknown as { _socket: Socket })._socket;
    const writev = vi.spyOn(socket, '_writev');
    const write = vi.spyOn(socket, '_write');
    return { conn, frames, writes: () => writev.mock.calls.length + write.mock.calls.length, closed, closes };
  }

  const offsets = (frames: Pair['frames']) =>
    frames.flatMap((f) => (f.type === 'batch' ? f.messages!.map((m) => m.offset) : f.offset ? [f.offset] : []));

  it('sends a batch client the messages of one turn as one batch frame, in one write, other frames in their place', async () => {
    const { conn, frames, writes } = await connect({ batch: true });
    for (const offset of [1, 2]) conn.deliver(item(offset));
    conn.send(serverFrames.heartbeat(0));
    for (const offset of [3, 4, 5]) conn.deliver(item(offset));
    await vi.waitFor(() => expect(frames).toHaveLength(3));
    expect(frames.map((f) => f.type)).toEqual(['batch', 'heartbeat', 'batch']);
    expect(offsets(frames)).toEqual([1, 2, 3, 4, 5]);
    expect(frames[0]).toEqual({
      type: 'batch',
      messages: [1, 2].map((offset) => ({ type: 'message', offset, data: expect.objectContaining({ offset }) })),
    });
    expect(writes()).toBe(1);

    // A lone message stays a message frame; a later turn is a later write.
    conn.deliver(item(6));
    await vi.waitFor(() => expect(frames).toHaveLength(4));
    expect(frames[3]).toMatchObject({ type: 'message', offset: 6 });
    expect(writes()).toBe(2);
  });

  it('sends a batch of 64 KiB or more with the long length header a client decodes', async () => {
    const { conn, frames } = await connect({ batch: true });
    const many = Array.from({ length: 500 }, (_, i) => i + 1);
    for (const offset of many) conn.deliver(item(offset));
    await vi.waitFor(() => expect(frames).toHaveLength(1));
    expect(offsets(frames)).toEqual(many);
  });

  it('sends a client that did not ask for batches one frame per message, still in one write', async () => {
    const { conn, frames, writes } = await connect();
    for (const offset of [1, 2, 3]) conn.deliver(item(offset));
    conn.send(serverFrames.heartbeat(0));
    await vi.waitFor(() => expect(frames).toHaveLength(4));
    expect(frames.map((f) => f.type)).toEqual(['message', 'message', 'message', 'heartbeat']);
    expect(offsets(frames)).toEqual([1, 2, 3]);
    expect(writes()).toBe(1);
  });

  it('delivers each offset once and never one at or below what the connection had', async () => {
    const { conn, frames } = await connect({ batch: true });
    const shared = item(2);
    expect([conn.deliver(shared), conn.deliver(shared), conn.deliver(item(1)), conn.deliver(item(3))]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    await vi.waitFor(() => expect(frames).toHaveLength(1));
    expect(offsets(frames)).toEqual([2, 3]);
  });

  it('counts what waits for the next write against the send buffer: a client over it is closed after what fit', async () => {
    const frameBytes = item(1).frame.length;
    const { conn, frames, closed, closes } = await connect({ batch: true, sendBuffer: frameBytes * 3 });
    const sent = [1, 2, 3, 4, 5].map((offset) => conn.deliver(item(offset)));
    expect(sent).toEqual([true, true, true, false, false]);
    expect(closes).toEqual(['slow_consumer']);
    expect(conn.outbox).toEqual([]);
    expect(await closed).toBe(closeCodes.slowConsumer);
    expect(offsets(frames)).toEqual([1, 2, 3]);
  });
});

describe('the flusher', () => {
  /**
   * Connections that only record when they are written, and whatever they are told to enqueue meanwhile, on a
   * flusher that writes two connections a turn.
   */
  function fleet(count: number) {
    const flusher = new Flusher((err) => {
      throw err;
    }, 2);
    const writes: number[] = [];
    const framesUsed: WireFrames[] = [];
    const conns = Array.from({ length: count }, (_, i) => {
      const conn = {
        scheduled: false,
        flush(frames: WireFrames) {
          writes.push(i);
          framesUsed.push(frames);
        },
        enqueue() {
          if (conn.scheduled) return;
          conn.scheduled = true;
          flusher.schedule(conn as unknown as StreamConnection);
        },
      };
      return conn;
    });
    return { writes, framesUsed, conns };
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('writes a slice of the due connections per turn of the event loop, so what arrives meanwhile is handed out between slices', async () => {
    const { writes, conns } = fleet(5);
    for (const conn of conns) conn.enqueue();
    await turn();
    expect(writes).toEqual([0, 1]);
    // An item dispatched between slices: connections not yet written take it in the write they wait for;
    // the ones already written wait behind them, so none is written twice before the others once.
    for (const conn of conns) conn.enqueue();
    await vi.waitFor(() => expect(writes).toHaveLength(7));
    expect(writes).toEqual([0, 1, 2, 3, 4, 0, 1]);
    await turn();
    expect(writes).toHaveLength(7);
  });

  it('shares the frames it builds across the slices of a pass, and starts afresh with the next pass', async () => {
    const { framesUsed, conns } = fleet(5);
    for (const conn of conns) conn.enqueue();
    await vi.waitFor(() => expect(framesUsed).toHaveLength(5));
    expect(new Set(framesUsed).size).toBe(1);
    conns[0]!.enqueue();
    await vi.waitFor(() => expect(framesUsed).toHaveLength(6));
    expect(framesUsed[5]).not.toBe(framesUsed[0]);
  });
});

/** The payload of a server's (unmasked) WebSocket frame: what follows its 2-, 4- or 10-byte header. */
const payload = (frame: Buffer) => {
  const length = frame[1]! & 0x7f;
  return frame.subarray(length < 126 ? 2 : length === 126 ? 4 : 10).toString();
};

describe('wire frames', () => {
  const out: Outgoing[] = [item(1), item(2), item(3)];

  it('are the shared message frames in a batch envelope, or one message frame alone, with the WebSocket header', () => {
    const frames = new WireFrames();
    expect(payload(frames.frame(out, 0, 3))).toBe(
      `{"type":"batch","messages":[${out.map((entry) => (entry as StreamItem).frame.toString()).join(',')}]}`,
    );
    const single = frames.frame(out, 1, 2);
    expect(single[0]).toBe(0x81);
    expect(payload(single)).toBe((out[1] as StreamItem).frame.toString());
  });

  it('are built once for every connection due the same items, and never reused for others', () => {
    const frames = new WireFrames();
    const first = frames.frame(out, 0, 3);
    expect(frames.frame([...out], 0, 3)).toBe(first);
    expect(frames.frame(out, 1, 3)).not.toBe(first);
    // The same offsets read again for a replay are other objects: equal bytes, not the cached frame.
    const replayed = [item(1), item(2), item(3)];
    const again = frames.frame(replayed, 0, 3);
    expect(again).not.toBe(first);
    expect(again.equals(first)).toBe(true);
  });
});
