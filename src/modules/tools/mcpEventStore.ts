import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Redis } from 'ioredis';

/** Events read per round trip while reading a log. */
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

/** A session's event log: the SDK's event store, and what the session's node reads from it. */
type SessionEventStore = Required<EventStore> & {
  /**
   * The newest message in the log that `matches`. An event is stored before its stream writes it, so this
   * covers every message a client may have had, and those a resuming client will be replayed.
   */
  lastMessage(matches: (message: JSONRPCMessage) => boolean): Promise<JSONRPCMessage | undefined>;
  clear(): Promise<void>;
};

/** A session's event logs, one per session. */
export type SessionEventStores = (sessionId: string) => SessionEventStore;

/** In process: the last `max` events of each session. */
export function memoryEventStores({ max }: { max: number }): SessionEventStores {
  const logs = new Map<
    string,
    { next: number; events: { seq: number; streamId: string; message: JSONRPCMessage }[] }
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
      async lastMessage(matches) {
        return logs.get(sessionId)?.events.findLast((event) => isMessage(event.message) && matches(event.message))
          ?.message;
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
 * resume on any node, including after the node it was reading from died.
 */
export function redisEventStores(
  redis: Redis,
  { max, ttlSeconds }: { max: number; ttlSeconds: number },
): SessionEventStores {
  return (sessionId) => {
    const key = `mcp:events:${sessionId}`;
    return {
      async storeEvent(streamId, message) {
        const replies = await redis
          .multi()
          .xadd(key, 'MAXLEN', '~', max, '*', 's', streamId, 'm', JSON.stringify(message))
          .expire(key, ttlSeconds)
          .exec();
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
      async lastMessage(matches) {
        let before = '+';
        for (;;) {
          const page = await redis.xrevrange(key, before, '-', 'COUNT', REPLAY_PAGE);
          for (const [, fields] of page) {
            const message = JSON.parse(fields[3] ?? '{}') as JSONRPCMessage;
            if (isMessage(message) && matches(message)) return message;
          }
          if (page.length < REPLAY_PAGE) return undefined;
          before = `(${page.at(-1)![0]}`;
        }
      },
      async clear() {
        await redis.del(key);
      },
    };
  };
}
