import type { WebSocket } from 'ws';
import type { Principal } from '../../core/auth/auth.ts';
import type { WheelEntry } from './timeWheel.ts';
import type { TokenBucket } from '../../core/tokenBucket.ts';
import { closeCodes } from './protocol.ts';
import { isNewTo, matchesFilters, type Filters, type StreamItem } from './subscription.ts';

const OPEN = 1;

export type CloseReason =
  | 'heartbeat_timeout'
  | 'slow_consumer'
  | 'flooding'
  | 'invalid_frames'
  | 'shutdown'
  | 'internal_error';

/**
 * One client of the stream. A class, so its methods are shared: a node holds
 * tens of thousands of these. Sends never queue more than the send buffer
 * allows; a client that lets it fill up is closed rather than slowing others.
 */
export class StreamConnection {
  readonly ws: WebSocket;
  readonly sendBufferBytes: number;
  readonly inbound: TokenBucket;
  readonly onClose: (reason: CloseReason) => void;
  principal: Principal | null;
  /** Agents whose items this connection receives; empty means every agent. */
  agents: ReadonlySet<string> = new Set();
  filters: Filters = {};
  /** The highest offset this client has been sent or has skipped past: nothing at or below it is sent again. */
  lastOffset = 0;
  /** Set once `init` is done, including the replay of what a resuming client missed. */
  live = false;
  initialised = false;
  badFrames = 0;
  closing = false;
  heartbeat!: WheelEntry<StreamConnection>;
  /** Client messages that touch state are handled one after another. */
  queue: Promise<void> = Promise.resolve();

  constructor(
    ws: WebSocket,
    principal: Principal | null,
    inbound: TokenBucket,
    sendBufferBytes: number,
    onClose: (reason: CloseReason) => void,
  ) {
    this.ws = ws;
    this.principal = principal;
    this.inbound = inbound;
    this.sendBufferBytes = sendBufferBytes;
    this.onClose = onClose;
  }

  /** Whether the item is for this connection, which has had what it wanted up to `after` (see isNewTo). */
  wants(item: StreamItem, after: number): boolean {
    return isNewTo(item, this.agents, after) && matchesFilters(this.filters, item);
  }

  /** A live item from the hub (handed to every connection following one of its agents, or every agent). */
  deliver(item: StreamItem): boolean {
    if (!this.live || item.offset <= this.lastOffset || !this.wants(item, this.lastOffset)) return false;
    this.lastOffset = item.offset;
    return this.send(item.frame);
  }

  send(frame: string | Buffer): boolean {
    if (this.closing || this.ws.readyState !== OPEN) return false;
    if (this.ws.bufferedAmount + frame.length > this.sendBufferBytes) {
      this.close(closeCodes.slowConsumer, 'slow_consumer');
      return false;
    }
    this.ws.send(frame, { binary: false });
    return true;
  }

  /** Sends, first waiting for the socket to drain when half the buffer is in use: replays pace themselves instead of overflowing. */
  async sendPaced(frame: Buffer): Promise<void> {
    if (this.closing) return;
    if (this.ws.bufferedAmount + frame.length <= this.sendBufferBytes / 2) {
      this.send(frame);
      return;
    }
    await new Promise<void>((resolve) => this.ws.send(frame, { binary: false }, () => resolve()));
  }

  close(code: number, reason: CloseReason) {
    if (this.closing) return;
    this.closing = true;
    this.live = false;
    this.onClose(reason);
    this.ws.close(code, reason);
  }
}
