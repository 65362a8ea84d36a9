import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Redis } from 'ioredis';

/** Events read per round trip while replaying. */
const REPLAY_PAGE = 200;

/**
 * Event ids are `<position in the session's log>/<stream id>`: the position
 * orders the log, the stream id says which SSE stream (a POST's, or the
 * session's GET stream) the event belongs to, so a resumed stream gets only
 * its own events.
 */
const eventId = (position: string, streamId: string) => `${position}/${streamId}`;
function parseEventId(id: string): { position: string; streamId: string } | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return undefined;
  return { position: id.slice(0, slash), streamId: id.slice(slash + 1) };
}

/** The priming event a stream starts with carries no message: nothing to replay. */
const isMessage = (message: JSONRPCMessage) => 'jsonrpc' in message;

/** A session's event log: the SDK's event store, and the newest mark of what it stored (see `Marks`). */
type SessionEventStore = Required<EventStore> & {
  /**
   * The mark of the newest marked message stored. An event is stored before its stream writes it, so this
   * covers every message a client may have had, and those a resuming client is replayed.
   */
  lastMark(): Promise<string | undefined>;
  clear(): Promise<void>;
};

/** A session's event logs, one per session. */
export type SessionEventStores = (sessionId: string) => SessionEventStore;

/** What is remembered of a message as it is stored (undefined: nothing): the last one is kept per session. */
export type Marks = (message: JSONRPCMessage) => string | undefined;

/** In process: the last `max` events of each session. */
export function memoryEventStores({ max, mark }: { max: number; mark: Marks }): SessionEventStores {
  const logs = new Map<
    string,
    { next: number; events: { seq: number; streamId: string; message: JSONRPCMessage }[]; mark?: string }
  >();
  return (sessionId) => {
    const log = () => {
      let found = logs.get(sessionId);
      if (!found) {
        found = { next: 1, events: [] };
        logs.set(sessionId, found);
      }
      return found;
    };
    return {
      async storeEvent(streamId, message) {
        const l = log();
        const seq = l.next++;
        l.events.push({ seq, streamId, message });
        l.mark = mark(message) ?? l.mark;
        if (l.events.length > max) l.events.shift();
        return eventId(String(seq), streamId);
      },
      async getStreamIdForEventId(id) {
        const parsed = parseEventId(id);
        return parsed && /^\d+$/.test(parsed.position) ? parsed.streamId : undefined;
      },
      async replayEventsAfter(lastEventId, { send }) {
        const { position, streamId } = parseEventId(lastEventId)!;
        for (const event of logs.get(sessionId)?.events ?? [])
          if (event.seq > Number(position) && event.streamId === streamId && isMessage(event.message))
            await send(eventId(String(event.seq), streamId), event.message);
        return streamId;
      },
      async lastMark() {
        return logs.get(sessionId)?.mark;
      },
      async clear() {
        logs.delete(sessionId);
      },
    };
  };
}

/**
 * In Redis: each session's events in one Redis stream (`<prefix>mcp:events:<id>`),
 * capped near `max` entries and expiring with the session, so a client can
 * resume on any node, including after the node it was reading from died; the
 * last mark beside it (`<prefix>mcp:mark:<id>`), written with its event.
 */
export function redisEventStores(
  redis: Redis,
  { max, ttlSeconds, mark }: { max: number; ttlSeconds: number; mark: Marks },
): SessionEventStores {
  return (sessionId) => {
    const key = `mcp:events:${sessionId}`;
    const markKey = `mcp:mark:${sessionId}`;
    return {
      async storeEvent(streamId, message) {
        const marked = mark(message);
        const store = redis
          .multi()
          .xadd(key, 'MAXLEN', '~', max, '*', 's', streamId, 'm', JSON.stringify(message))
          .expire(key, ttlSeconds);
        const replies = await (marked === undefined
          ? store.expire(markKey, ttlSeconds)
          : store.set(markKey, marked, 'EX', ttlSeconds)
        ).exec();
        const [err, position] = replies?.[0] ?? [new Error('no reply')];
        if (err) throw err;
        return eventId(position as string, streamId);
      },
      async getStreamIdForEventId(id) {
        const parsed = parseEventId(id);
        return parsed && /^\d+-\d+$/.test(parsed.position) ? parsed.streamId : undefined;
      },
      async replayEventsAfter(lastEventId, { send }) {
        const { position, streamId } = parseEventId(lastEventId)!;
        let after = position;
        for (;;) {
          const page = await redis.xrange(key, `(${after}`, '+', 'COUNT', REPLAY_PAGE);
          for (const [id, fields] of page) {
            const stream = fields[1];
            if (stream !== streamId) continue;
            const message = JSON.parse(fields[3] ?? '{}') as JSONRPCMessage;
            if (isMessage(message)) await send(eventId(id, streamId), message);
          }
          if (page.length < REPLAY_PAGE) return streamId;
          after = page.at(-1)![0];
        }
      },
      async lastMark() {
        return (await redis.get(markKey)) ?? undefined;
      },
      async clear() {
        await redis.del(key, markKey);
      },
    };
  };
}
