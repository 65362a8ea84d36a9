import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { JSONRPCMessage, LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import type { Bus } from '../../core/bus/bus.ts';
import { errorText, type Logger } from '../../core/logger.ts';
import type { LiveFeed, LiveResource, LiveWatch } from './liveIntelligence.ts';
import type { Marks, SessionEventStores } from './mcpEventStore.ts';
import type { McpServerFactory, McpSessionHooks } from './mcpServer.ts';
import { answerCancelledRequests } from './jsonRpcAnswers.ts';
import type { SessionRecord, SessionStore } from './mcpSessionStore.ts';

const RECONNECT_AFTER_MS = 1_000;

/** Bus routing keys of what one node tells the others about a session. */
const CONTROL = 'mcp.session';
type Control = {
  id: string;
  node: string;
  event: 'held' | 'changed' | 'closed' | 'cancelled';
  /** With `cancelled`: the client's notifications/cancelled, for the node running the request. */
  messages?: JSONRPCMessage[];
};
const isNotification = (message: unknown): message is JSONRPCMessage =>
  typeof (message as { method?: unknown } | null)?.method === 'string' && !('id' in (message as object));
/** A client's answer to a request the server sent (sampling, elicitation): a result or an error, no method. */
const isAnswer = (message: unknown) =>
  typeof message === 'object' && message !== null && 'id' in message && !('method' in message);

/** The notification meta field naming the stream offset of the item a resource changed with. */
const OFFSET_META = 'alphanest/offset';
/**
 * What the event log remembers of a session (its mark): the item offset of the newest resource-updated
 * notification stored, so a node taking the session over knows where its notifications went.
 */
export const notifiedOffsetMark: Marks = (message) => {
  if (!('method' in message) || message.method !== 'notifications/resources/updated') return undefined;
  const offset = (message.params?._meta as Record<string, unknown> | undefined)?.[OFFSET_META];
  return typeof offset === 'number' ? String(offset) : undefined;
};

type CallMessage = { method?: unknown; params?: { name?: unknown; _meta?: { progressToken?: unknown } } } | null;

/**
 * Whether a POST goes to the SSE transport: it carries only notifications or answers (the protocol
 * server that sent a request waits for its answer there), or a call that may send notifications, or a
 * call of a tool that sends requests to the client (`streamedTools`).
 */
function streamed(body: unknown, logLevel: LoggingLevel | undefined, streamedTools: ReadonlySet<string>): boolean {
  const messages = Array.isArray(body) ? body : [body];
  if (messages.every((message) => isNotification(message) || isAnswer(message))) return true;
  return messages.some((message: CallMessage) => {
    if (message?.method !== 'tools/call') return false;
    return (
      logLevel !== undefined ||
      message.params?._meta?.progressToken !== undefined ||
      streamedTools.has(String(message.params?.name))
    );
  });
}

const isControl = (payload: unknown): payload is Control =>
  typeof (payload as Control | null)?.id === 'string' && typeof (payload as Control).node === 'string';

/** One session as this node holds it: its protocol servers and transports, built on first use here. */
export interface LocalSession {
  readonly id: string;
  /** SSE answers (every event with an id, replayable), the GET stream and DELETE. */
  readonly transport: WebStandardStreamableHTTPServerTransport;
  /**
   * The transport that answers a POST: plain JSON unless the call may send notifications on its way
   * (a tools/call with a progressToken, or once the client has set a log level), which get an SSE stream.
   */
  answererOf(body: unknown): WebStandardStreamableHTTPServerTransport;
  /** A client's notifications reach both protocol servers: a cancellation is for whichever runs the request. */
  shareNotifications(body: unknown): void;
  /**
   * Starts notifying the session's subscriptions from this node (its GET stream is here); returns the release.
   * `resuming`: the stream was opened with Last-Event-ID, so the client is replayed what the event log holds.
   */
  hold(resuming: boolean): () => void;
}

export interface McpSessions {
  /** A new session for `owner`, or undefined when this node is full. */
  open(owner: string, protocolVersion: string): Promise<LocalSession | undefined>;
  /** The session, when it exists and belongs to `owner` (anyone else is told it does not exist). */
  find(id: string, owner: string): Promise<LocalSession | undefined>;
  /** Hands a client's cancellations to the other nodes: the request may be running on one of them. */
  relayCancellations(id: string, messages: JSONRPCMessage[]): void;
  readonly size: number;
  close(): Promise<void>;
}

interface SessionState extends LocalSession {
  server: Server;
  /** The JSON-answering transport (and its own protocol server, sharing the session's hooks). */
  quick: WebStandardStreamableHTTPServerTransport;
  lastUsed: number;
  /** GET streams open on this node: a client listening is not idle. */
  streams: number;
  logLevel?: LoggingLevel;
  watch?: LiveWatch & {
    subscriptions: Map<string, LiveResource>;
    /**
     * The session's notifications and position writes, one after another: events enter the log in
     * offset order, and a saved position never goes back (a later catch-up would repeat an item).
     */
    queue: Promise<void>;
  };
}

/**
 * The sessions of the MCP endpoint on one node. What a session is (owner,
 * log level, subscriptions, how far its notifications went) is kept in the
 * session store, and its SSE events in the event store, so with Redis any
 * node serves any session: a node that meets a session it has not seen
 * builds a protocol server for it from the store. The node holding a
 * session's GET stream is the one that notifies it; it tells the others over
 * the bus, and a subscription made on another node reaches it the same way.
 */
export async function startMcpSessions(options: {
  serverFor: McpServerFactory;
  store: SessionStore;
  events: SessionEventStores;
  feed?: LiveFeed;
  parseLive(uri: string): LiveResource | undefined;
  bus: Bus;
  logger: Logger;
  ttlSeconds: number;
  /** Sessions this node keeps built at once; the least recently used is dropped (only here) past it. */
  maxLocal: number;
  /** Tools whose calls send requests to the client (sampling, elicitation), so always get an SSE stream to send them on. */
  streamedTools?: ReadonlySet<string>;
}): Promise<McpSessions> {
  const { serverFor, store, events, feed, bus, logger, streamedTools = new Set<string>() } = options;
  const node = randomUUID();
  const local = new Map<string, SessionState>();

  const tell = (id: string, event: Control['event'], messages?: JSONRPCMessage[]) =>
    bus
      .publish(`${CONTROL}.${event}`, { id, node, event, ...(messages && { messages }) } satisfies Control)
      .catch((err) => logger.warn({ err: errorText(err), event }, 'mcp: telling other nodes failed'));

  function release(state: SessionState) {
    const watch = state.watch;
    if (!watch) return;
    state.watch = undefined;
    feed?.unwatch(watch);
    const position = watch.position;
    watch.queue = watch.queue
      .then(() => store.update(state.id, { position }))
      .catch((err) => logger.warn({ err: errorText(err) }, 'mcp: saving a session position failed'));
  }

  function forget(state: SessionState) {
    if (local.get(state.id) !== state) return;
    local.delete(state.id);
    release(state);
  }

  function subscriptionsOf(record: SessionRecord) {
    const subscriptions = new Map<string, LiveResource>();
    for (const uri of record.subscriptions) {
      try {
        const resource = options.parseLive(uri);
        if (resource) subscriptions.set(uri, resource);
      } catch {
        // A subscription that no longer parses (an agent retired since) is dropped.
      }
    }
    return subscriptions;
  }

  function build(id: string, record: SessionRecord, fresh: boolean): SessionState {
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      eventStore: events(id),
      // Sent with each stream's priming event: how soon a client whose stream was cut should come back with Last-Event-ID.
      retryInterval: RECONNECT_AFTER_MS,
      onsessionclosed: async () => {
        await Promise.all([store.delete(id), events(id).clear()]);
        void tell(id, 'closed');
      },
    });
    const quick = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      enableJsonResponse: true,
    });
    // A session initialised on another node (or before this node restarted), and the JSON transport, which never
    // sees the initialize, start out initialised: the SDK keeps that flag private, with no option to set it.
    for (const adopted of fresh ? [quick] : [quick, transport])
      Object.assign(adopted, { _initialized: true, sessionId: id });
    const hooks: McpSessionHooks = {
      subscribe: async (resource) => {
        const current = await store.touch(id);
        if (!current) return;
        const subscriptions = [...new Set([...current.subscriptions, resource.uri])];
        await store.update(id, { subscriptions });
        state.watch?.subscriptions.set(resource.uri, resource);
        if (store.shared) void tell(id, 'changed');
      },
      unsubscribe: async (uri) => {
        const current = await store.touch(id);
        if (!current) return;
        await store.update(id, { subscriptions: current.subscriptions.filter((s) => s !== uri) });
        state.watch?.subscriptions.delete(uri);
        if (store.shared) void tell(id, 'changed');
      },
      setLogLevel: async (level) => {
        state.logLevel = level;
        await store.update(id, { logLevel: level });
      },
      logLevel: () => state.logLevel,
    };
    const server = serverFor(undefined, hooks);
    const quickServer = serverFor(undefined, hooks);
    const state: SessionState = {
      id,
      transport,
      quick,
      server,
      answererOf: (body) => (streamed(body, state.logLevel, streamedTools) ? transport : quick),
      shareNotifications: (body) => {
        for (const message of Array.isArray(body) ? body : [body])
          if (isNotification(message)) quick.onmessage?.(message);
      },
      lastUsed: Date.now(),
      streams: 0,
      logLevel: record.logLevel as LoggingLevel | undefined,
      hold: (resuming) => hold(state, resuming),
    };
    transport.onclose = () => {
      forget(state);
      void quick.close();
    };
    for (const [key, old] of local) {
      if (local.size < options.maxLocal) break;
      void old.transport.close();
      local.delete(key);
    }
    local.set(id, state);
    for (const answerer of [transport, quick]) answerCancelledRequests(answerer);
    void server.connect(transport);
    void quickServer.connect(quick);
    return state;
  }

  function hold(state: SessionState, resuming: boolean): () => void {
    state.streams += 1;
    const closed = () => {
      state.streams -= 1;
      state.lastUsed = Date.now();
    };
    if (!feed) return closed;
    release(state);
    const watch: NonNullable<SessionState['watch']> = {
      subscriptions: new Map(),
      position: feed.position,
      queue: Promise.resolve(),
      notify: (uri, offset) => {
        watch.queue = watch.queue
          .then(() => state.server.sendResourceUpdated({ uri, _meta: { [OFFSET_META]: offset } } as { uri: string }))
          .then(() => store.update(state.id, { position: offset }))
          .catch((err) => logger.warn({ err: errorText(err) }, 'mcp: a resource notification failed'));
      },
    };
    state.watch = watch;
    if (store.shared) void tell(state.id, 'held');
    // The saved position follows each notification, so a node killed in between leaves it behind what the
    // client had. A client resuming with Last-Event-ID has, or is replayed, every event logged: it goes on
    // after the newest notification logged (the log's mark). Without it, the position saved is all there is.
    const notified = resuming
      ? events(state.id)
          .lastMark()
          .catch((err) => void logger.warn({ err: errorText(err) }, 'mcp: reading the event log mark failed'))
      : undefined;
    void Promise.all([store.touch(state.id), notified])
      .then(async ([record, mark]) => {
        if (!record || state.watch !== watch) return;
        for (const [uri, resource] of subscriptionsOf(record)) watch.subscriptions.set(uri, resource);
        watch.position = Math.max(record.position, Number(mark ?? 0));
        await feed.watch(watch);
        // Released while catching up: the feed must not keep it.
        if (state.watch !== watch) feed.unwatch(watch);
      })
      .catch((err) => logger.warn({ err: errorText(err) }, 'mcp: starting notifications failed'));
    return () => {
      closed();
      if (state.watch === watch) release(state);
    };
  }

  const stopControl = await bus.subscribe(`${CONTROL}.*`, async ({ payload }) => {
    if (!isControl(payload) || payload.node === node) return;
    const state = local.get(payload.id);
    if (!state) return;
    if (payload.event === 'closed') return void state.transport.close();
    if (payload.event === 'cancelled') {
      // The protocol server aborts the request's signal if it is running here, and ignores it otherwise.
      for (const message of payload.messages ?? []) {
        state.transport.onmessage?.(message);
        state.quick.onmessage?.(message);
      }
      return;
    }
    if (!state.watch) return;
    if (payload.event === 'held') {
      // Another node holds the session's stream now: it notifies, this node stops.
      release(state);
      state.transport.closeStandaloneSSEStream();
      return;
    }
    const record = await store.touch(payload.id).catch(() => undefined);
    if (record && state.watch) {
      const next = subscriptionsOf(record);
      for (const uri of state.watch.subscriptions.keys()) if (!next.has(uri)) state.watch.subscriptions.delete(uri);
      for (const [uri, resource] of next)
        if (!state.watch.subscriptions.has(uri)) state.watch.subscriptions.set(uri, resource);
    }
  });

  // Sessions idle past their time are dropped here; the store expires its own copy. A session whose
  // client holds its GET stream here is in use: its record's expiry is pushed back.
  const sweep = setInterval(
    () => {
      const idleSince = Date.now() - options.ttlSeconds * 1000;
      for (const state of local.values()) {
        if (state.streams > 0) {
          state.lastUsed = Date.now();
          void store
            .touch(state.id)
            .catch((err) => logger.warn({ err: errorText(err) }, 'mcp: keeping a session alive failed'));
        } else if (state.lastUsed < idleSince) void state.transport.close();
      }
    },
    Math.min(60_000, options.ttlSeconds * 250),
  );
  sweep.unref();

  return {
    get size() {
      return local.size;
    },
    async open(owner, protocolVersion) {
      const id = randomUUID();
      const record: SessionRecord = { owner, protocolVersion, subscriptions: [], position: feed?.position ?? 0 };
      if (!(await store.create(id, record))) return undefined;
      return build(id, record, true);
    },
    async find(id, owner) {
      const record = await store.touch(id);
      if (!record || record.owner !== owner) return undefined;
      const state = local.get(id) ?? build(id, record, false);
      state.lastUsed = Date.now();
      return state;
    },
    relayCancellations(id, messages) {
      if (store.shared && messages.length) void tell(id, 'cancelled', messages);
    },
    async close() {
      clearInterval(sweep);
      await stopControl();
      for (const state of [...local.values()]) {
        const watch = state.watch;
        release(state);
        // The positions saved before the streams end: the node that takes a session over resumes from there.
        await watch?.queue;
        await state.transport.close();
      }
    },
  };
}
