import { endSession } from './session.ts';
import type { Item } from './types.ts';

/** The stream's filters, under its own names (docs/stream.md). */
export interface StreamFilters {
  types?: string[];
  tokens?: string[];
  exclude_agents?: string[];
  sentiments?: string[];
  events?: string[];
  min_value?: number;
  high_value?: boolean;
}

/** `refused`: the stream turned the subscription down (an unknown agent, a filter it does not take) and is closed. */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface StreamOptions {
  token?: string | null;
  agents?: string[];
  filters?: StreamFilters;
  /** The offset of the last item already shown; the server sends what came after it first. */
  since?: number;
  onItem?(item: Item): void;
  /** `since` was too far back: refetch over REST; live items after `offset` follow. */
  onReset?(offset: number): void;
  onSubscription?(subscription: { agents: string[]; user: string | null }): void;
  onState?(state: StreamState): void;
  onError?(message: string): void;
}

/** The stream expects a ping at least every 150 s; clients send one a minute. */
const PING_MS = 60_000;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;

/**
 * The live intelligence stream (WS /ws/v1/intelligence/), reconnecting after any drop with backoff and resuming
 * with `since` from the last offset it delivered, so nothing is missed and nothing comes twice.
 */
export class LiveStream {
  private socket: WebSocket | null = null;
  private since: number | undefined;
  private retryMs = RETRY_FIRST_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private everLive = false;
  /** The current connection's `init` was acknowledged. */
  private acked = false;
  private readonly options: StreamOptions;

  constructor(options: StreamOptions) {
    this.options = options;
    this.since = options.since;
    this.connect();
  }

  follow(agentId: string): void {
    this.send({ type: 'follow_agent', agent_id: agentId });
  }

  unfollow(agentId: string): void {
    this.send({ type: 'unfollow_agent', agent_id: agentId });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.socket?.close(1000);
  }

  private send(frame: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private connect(): void {
    this.options.onState?.(this.everLive ? 'reconnecting' : 'connecting');
    this.acked = false;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws/v1/intelligence/`);
    this.socket = socket;
    socket.onopen = () => {
      const { token, agents, filters } = this.options;
      socket.send(
        JSON.stringify({
          type: 'init',
          ...(token && { token }),
          ...(agents?.length && { agents }),
          ...(filters && Object.keys(filters).length && { filters }),
          ...(this.since !== undefined && { since: this.since }),
        }),
      );
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_MS);
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = () => {
      clearInterval(this.pingTimer);
      if (this.socket !== socket || this.closed) return;
      this.options.onState?.('reconnecting');
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs * (0.5 + Math.random() / 2));
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    };
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as {
      type: string;
      of?: string;
      code?: string;
      offset?: number;
      data?: Item;
      message?: string;
      subscription?: { agents: string[]; user: string | null };
    };
    switch (frame.type) {
      case 'ack':
        if (frame.of === 'init') {
          this.retryMs = RETRY_FIRST_MS;
          this.everLive = true;
          this.acked = true;
          if (this.since === undefined) this.since = frame.offset;
          this.options.onState?.('live');
        }
        if (frame.subscription) this.options.onSubscription?.(frame.subscription);
        break;
      case 'message':
        this.since = Math.max(this.since ?? 0, frame.offset!);
        this.options.onItem?.(frame.data!);
        break;
      case 'reset':
        this.since = frame.offset;
        this.options.onReset?.(frame.offset!);
        break;
      case 'error': {
        // The token was refused (`unauthorized` at init, `token_expired` later): the session is over (the header says
        // so), and reconnecting with the token would be refused again.
        const tokenRefused =
          Boolean(this.options.token) && (frame.code === 'unauthorized' || frame.code === 'token_expired');
        // `token_expired`'s message tells a client program what to do; the reader needs only what happened.
        if (tokenRefused)
          endSession(frame.code === 'token_expired' ? 'token expired' : (frame.message ?? 'token refused'));
        else this.options.onError?.(frame.message ?? 'stream error');
        // An error before the ack refuses the init itself: the same init again would be refused again, so stop
        // (an internal error is followed by a close, and retried).
        if (tokenRefused || (!this.acked && frame.code !== 'internal_error')) {
          this.close();
          this.options.onState?.('refused');
        }
        break;
      }
    }
  }
}
