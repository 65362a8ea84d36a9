import type { StreamConnection } from './connection.ts';
import type { StreamItem } from './subscription.ts';

/** A frame waiting for a connection's next write: a live or replayed item (its shared `message` frame), or any other server frame. */
export type Outgoing = StreamItem | string | Buffer;

export const isItem = (entry: Outgoing): entry is StreamItem => typeof entry === 'object' && !Buffer.isBuffer(entry);

const BATCH_HEAD = Buffer.from('{"type":"batch","messages":[');
const COMMA = Buffer.from(',');
const BATCH_TAIL = Buffer.from(']}');
/** The first byte of a WebSocket frame that is whole (FIN) and text (opcode 1): RFC 6455 §5.2. */
const FINAL_TEXT = 0x81;

/**
 * The WebSocket text frame, as a server sends it (unmasked), around the items `from`…`to` (exclusive) of
 * `out`: one item's shared `message` frame, or `{"type":"batch","messages":[…]}` around several. Built in
 * one buffer, header included, so that every connection due these items writes the same bytes in one
 * socket write, with no frame header or serialisation of its own.
 */
export function wireFrame(out: readonly Outgoing[], from: number, to: number): Buffer {
  const parts: Buffer[] = [];
  if (to - from > 1) parts.push(BATCH_HEAD);
  for (let i = from; i < to; i++) {
    if (i > from) parts.push(COMMA);
    parts.push((out[i] as StreamItem).frame);
  }
  if (to - from > 1) parts.push(BATCH_TAIL);
  let length = 0;
  for (const part of parts) length += part.length;
  const head = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = FINAL_TEXT;
  if (head === 2) frame[1] = length;
  else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  let at = head;
  for (const part of parts) at += part.copy(frame, at);
  return frame;
}

/**
 * The wire frames built during one flush. Connections due the same run of items (the usual case:
 * many clients follow the same agents) share one frame, built for the first of them. Runs are told
 * apart by their offsets and confirmed item by item, so a replayed copy of an item never stands in
 * for the live one.
 */
export class WireFrames {
  private readonly built = new Map<string, Built>();
  /** The frame built or found last: the next connection is most often due the same run. */
  private last: Built | undefined;

  frame(out: readonly Outgoing[], from: number, to: number): Buffer {
    if (this.last && sameRun(this.last.items, out, from, to)) return this.last.frame;
    let key = '';
    for (let i = from; i < to; i++) key += `${(out[i] as StreamItem).offset},`;
    const cached = this.built.get(key);
    if (cached && sameRun(cached.items, out, from, to)) {
      this.last = cached;
      return cached.frame;
    }
    const built = { items: out.slice(from, to) as StreamItem[], frame: wireFrame(out, from, to) };
    if (!cached) this.built.set(key, built);
    this.last = built;
    return built.frame;
  }
}

interface Built {
  items: StreamItem[];
  frame: Buffer;
}

function sameRun(items: readonly StreamItem[], out: readonly Outgoing[], from: number, to: number): boolean {
  if (items.length !== to - from) return false;
  for (let k = 0; k < items.length; k++) if (items[k] !== out[from + k]) return false;
  return true;
}

/**
 * Connections written per turn of the event loop. A node with thousands of clients takes tens of
 * milliseconds to write them all; written in one go, an item heard meanwhile would wait for the end
 * of that pass and then for its own place in the next. In slices of this many writes (a few
 * milliseconds), with the turn's I/O between them, it is handed to the connections at once and
 * leaves with the next write of each, the ones later in the pass included.
 */
const WRITES_PER_TURN = 256;

/**
 * Writes every connection that has something waiting, after the turn's I/O, in order of when it
 * started waiting: items that arrive together (or while the connection waited for its turn) leave
 * in one socket write per connection instead of one each. A connection that has more to send after
 * its write waits behind the others, so each is written at most once per pass over them.
 */
export class Flusher {
  /** The connections of the current pass, written from `next` on. */
  private pass: StreamConnection[] = [];
  private next = 0;
  /** Connections that started waiting during the current pass (after their write in it, if they were in it): the next pass. */
  private due: StreamConnection[] = [];
  /** The frames built in the current pass: its slices share them (5,000 clients due one run: one frame, not 20). */
  private frames = new WireFrames();
  private pending = false;
  private readonly onError: (err: Error, conn: StreamConnection) => void;
  private readonly writesPerTurn: number;

  constructor(onError: (err: Error, conn: StreamConnection) => void, writesPerTurn = WRITES_PER_TURN) {
    this.onError = onError;
    this.writesPerTurn = writesPerTurn;
  }

  /** Called by a connection when its outbox stops being empty. */
  schedule(conn: StreamConnection): void {
    this.due.push(conn);
    this.wake();
  }

  private wake() {
    if (this.pending) return;
    this.pending = true;
    setImmediate(this.run);
  }

  private readonly run = () => {
    this.pending = false;
    if (this.next === this.pass.length) {
      // The two lists trade places (the written one is empty): a flush allocates none, as a ping's answer is one.
      const written = this.pass;
      this.pass = this.due;
      this.due = written;
      this.frames = new WireFrames();
    }
    const end = Math.min(this.pass.length, this.next + this.writesPerTurn);
    const { frames } = this;
    while (this.next < end) {
      const conn = this.pass[this.next++]!;
      conn.scheduled = false;
      try {
        conn.flush(frames);
      } catch (err) {
        // One broken socket must not leave the others' frames waiting.
        this.onError(err as Error, conn);
      }
    }
    if (this.next === this.pass.length) {
      // Written: nothing holds on to connections that have since closed.
      this.pass.length = 0;
      this.next = 0;
    }
    if (this.pass.length || this.due.length) this.wake();
  };
}
