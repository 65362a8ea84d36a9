import WebSocket from 'ws';
import { vi } from 'vitest';

interface StreamFrame {
  type: string;
  [key: string]: any;
}

/** A real WebSocket client of the stream that records every frame it receives. */
export interface StreamClient {
  ws: WebSocket;
  frames: StreamFrame[];
  /** Offsets of the `message` frames received, in arrival order. */
  offsets(): number[];
  send(frame: object | string): void;
  /** Waits for a frame matching `match` that arrives after the `skip`-th frame. */
  next(match: (frame: StreamFrame) => boolean, skip?: number): Promise<StreamFrame>;
  /** Sends init and waits for its ack. */
  init(init?: object): Promise<StreamFrame>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

function streamUrl(httpUrl: string, query = ''): string {
  return `${httpUrl.replace(/^http/, 'ws')}/ws/v1/intelligence/${query}`;
}

export async function connectStream(
  httpUrl: string,
  options: { token?: string; query?: string } = {},
): Promise<StreamClient> {
  const headers = options.token ? { authorization: `Bearer ${options.token}` } : undefined;
  const ws = new WebSocket(streamUrl(httpUrl, options.query), { headers });
  const frames: StreamFrame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client: StreamClient = {
    ws,
    frames,
    offsets: () => frames.filter((f) => f.type === 'message').map((f) => f.offset as number),
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: (match, skip = 0) =>
      vi.waitFor(
        () => {
          const found = frames.slice(skip).find(match);
          if (!found) throw new Error(`no matching frame among ${JSON.stringify(frames.slice(skip)).slice(0, 500)}`);
          return found;
        },
        { timeout: 20_000, interval: 25 },
      ),
    async init(init = {}) {
      const skip = frames.length;
      client.send({ type: 'init', ...init });
      return client.next((f) => (f.type === 'ack' && f.of === 'init') || f.type === 'error', skip);
    },
    closed,
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.close();
      await closed;
    },
  };
  return client;
}
