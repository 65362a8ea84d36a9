import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Principal } from '../../core/auth/auth.ts';
import type { WheelEntry } from './timeWheel.ts';
import type { TokenBucket } from '../../core/tokenBucket.ts';
import { isItem, wireFrame, type Flusher, type Outgoing, type WireFrames } from './coalescing.ts';
import { closeCodes } from './protocol.ts';
import { isNewTo, matchesFilters, type Filters, type StreamItem } from './subscription.ts';

const OPEN = 1;
const TEXT = { binary: false };

export type CloseReason =
  | 'heartbeat_timeout'
  | 'token_expired'
  | 'slow_consumer'
  | 'flooding'
  | 'invalid_frames'
  | 'shutdown'
  | 'internal_error';

/**
 * One client of the stream. A class, so its methods are shared: a node holds
 * tens of thousands of these. Frames wait in an outbox until the flusher's
 * turn, then leave in one socket write. What waits there and in the socket
 * together never exceeds the send buffer; a client that lets it fill up is
 * closed rather than slowing others.
 */
export class StreamConnection {
  readonly ws: WebSocket;
  readonly sendBufferBytes: number;
  readonly inbound: TokenBucket;
  readonly onClose: (reason: CloseReason) => void;
  readonly flusher: Flusher;
  principal: Principal | null;
  /** Agents whose items this connection receives; empty means every agent. */
  agents: ReadonlySet<string> = new Set();
  filters: Filters = {};
  /** The highest offset this client has been sent or has skipped past: nothing at or below it is sent again. */
  lastOffset = 0;
  /** Set once `init` is done, including the replay of what a resuming client missed (see goLive). */
  live = false;
  /** The offset from which this node delivers live items to the connection (what came before, it replayed or the client had). */
  liveFrom = Number.POSITIVE_INFINITY;
  initialised = false;
  badFrames = 0;
  closing = false;
  heartbeat!: WheelEntry<StreamConnection>;
  /** Client messages that touch state are handled one after another, and replies wait for those before them. */
  queue: Promise<void> = Promise.resolve();
  /** Messages on `queue` not yet handled: while none are, a reply needs no place in it. */
  handling = 0;
  /** The client asked in `init` for the messages of one write as one `batch` frame. */
  batch = false;
  /** Frames for the next write, in the order they were sent. */
  outbox: Outgoing[] = [];
  outboxBytes = 0;
  /**
   * What the socket held after the last flush. Only the flush writes to it (beside the WebSocket
   * layer's few bytes of pong or close), so until the next one it holds no more: the check of each
   * item against the send buffer reads this instead of the socket's state, another object per
   * connection to fetch for every item, and asks the socket only when the sum comes near the limit.
   */
  private socketBytes = 0;
  /** Whether the flusher has this connection on its list. */
  scheduled = false;

  constructor(
    ws: WebSocket,
    principal: Principal | null,
    inbound: TokenBucket,
    sendBufferBytes: number,
    flusher: Flusher,
    onClose: (reason: CloseReason) => void,
  ) {
    // flush() writes whole frames straight to the socket, past ws's sender: right only while no extension
    // (permessage-deflate) transforms frames and queues ws.send behind it; routes.ts turns them off.
    if (ws.extensions)
      throw new Error(`stream frames are written raw; the "${ws.extensions}" extension is not supported`);
    this.ws = ws;
    this.principal = principal;
    this.inbound = inbound;
    this.sendBufferBytes = sendBufferBytes;
    this.flusher = flusher;
    this.onClose = onClose;
  }

  /** Whether the item is for this connection, which has had what it wanted up to `after` (see isNewTo). */
  wants(item: StreamItem, after: number): boolean {
    return isNewTo(item, this.agents, after, this.liveFrom) && matchesFilters(this.filters, item);
  }

  /** From here on the hub's items come to this connection: it has had (or been replayed) everything up to `from`. */
  goLive(from: number) {
    this.lastOffset = from;
    this.liveFrom = from;
    this.live = true;
  }

  /** A live item from the hub (handed to every connection following one of its agents, or every agent). */
  deliver(item: StreamItem): boolean {
    if (!this.live || item.offset <= this.lastOffset || !this.wants(item, this.lastOffset)) return false;
    this.lastOffset = item.offset;
    return this.enqueue(item, item.frame.length);
  }

  send(frame: string | Buffer): boolean {
    return this.enqueue(frame, frame.length);
  }

  private enqueue(entry: Outgoing, bytes: number): boolean {
    if (this.closing || this.ws.readyState !== OPEN) return false;
    if (this.socketBytes + this.outboxBytes + bytes > this.sendBufferBytes) {
      this.socketBytes = this.ws.bufferedAmount;
      if (this.socketBytes + this.outboxBytes + bytes > this.sendBufferBytes) {
        this.close(closeCodes.slowConsumer, 'slow_consumer');
        return false;
      }
    }
    this.outbox.push(entry);
    this.outboxBytes += bytes;
    if (!this.scheduled) {
      this.scheduled = true;
      this.flusher.schedule(this);
    }
    return true;
  }

  /**
   * A replayed item. Past half the send buffer it is written at once with what waits before it, and
   * the replay waits for the socket to take it: replays pace themselves instead of overflowing.
   */
  async replay(item: StreamItem): Promise<void> {
    if (this.closing) return;
    const bytes = item.frame.length;
    if (this.ws.bufferedAmount + this.outboxBytes + bytes <= this.sendBufferBytes / 2) {
      this.enqueue(item, bytes);
      return;
    }
    this.outbox.push(item);
    this.outboxBytes += bytes;
    await new Promise<void>((written) => this.flush(undefined, written));
  }

  /**
   * Writes everything in the outbox as one socket write. A batch client gets each run of two or more
   * messages as one `batch` frame; other frames, and every frame of a client that did not ask for
   * batches, go as they are. Messages go as wire frames (header included) shared with the connections
   * due the same run when `frames` is given, written to the socket directly: the WebSocket layer would
   * build a header and make two writes of every frame for every connection. Several frames are corked
   * into one write (a writev). `written` is called once the socket has taken the last frame (at once
   * when there is nothing to write).
   */
  flush(frames?: WireFrames, written?: () => void): void {
    const out = this.outbox;
    if (out.length) {
      this.outbox = [];
      this.outboxBytes = 0;
    }
    if (out.length === 0 || this.ws.readyState !== OPEN) return void written?.();
    // ws keeps its socket private; with no compression its frames go straight to it, so ours may too.
    const socket = (this.ws as unknown as { _socket: Socket })._socket;
    const oneFrame = out.length === 1 || (this.batch && out.every(isItem));
    if (!oneFrame) socket.cork();
    for (let i = 0; i < out.length; ) {
      const entry = out[i]!;
      let end = i + 1;
      if (isItem(entry) && this.batch) while (end < out.length && isItem(out[end]!)) end++;
      const done = end === out.length ? written : undefined;
      if (isItem(entry)) socket.write(frames?.frame(out, i, end) ?? wireFrame(out, i, end), done);
      else this.ws.send(entry, TEXT, done);
      i = end;
    }
    if (!oneFrame) socket.uncork();
    this.socketBytes = this.ws.bufferedAmount;
  }

  close(code: number, reason: CloseReason) {
    if (this.closing) return;
    this.closing = true;
    this.live = false;
    this.onClose(reason);
    // What was sent before the close (an error frame, the last items) goes ahead of it.
    this.flush();
    this.ws.close(code, reason);
  }
}
