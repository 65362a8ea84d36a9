import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { redisOptions, whenReady } from '../../core/cache/redisCache.ts';
import { deleteRedisKeys, runId, services } from '../../../test/support/services.ts';
import { memoryEventStores, redisEventStores, type SessionEventStores } from './mcpEventStore.ts';
import { createMemorySessionStore, createRedisSessionStore, type SessionStore } from './mcpSessionStore.ts';

const prefix = `${runId('mcpstore')}:`;
const redis = new Redis(services.redisUrl, redisOptions(prefix, 1_000));
beforeAll(() => whenReady(redis));
afterAll(async () => {
  redis.disconnect();
  await deleteRedisKeys(prefix);
});

const note = (n: number): JSONRPCMessage => ({ jsonrpc: '2.0', method: 'notifications/message', params: { n } });
/** Marks messages with an odd `n`. */
const oddMark = (m: JSONRPCMessage) => {
  const n = (m as { params?: { n?: number } }).params?.n;
  return n !== undefined && n % 2 === 1 ? String(n) : undefined;
};
const record = { owner: 'user:ada', protocolVersion: '2025-11-25', subscriptions: [], position: 7 };

describe.each([
  ['in process', (): SessionEventStores => memoryEventStores({ max: 5, mark: oddMark })],
  ['in Redis', (): SessionEventStores => redisEventStores(redis, { max: 5, ttlSeconds: 60, mark: oddMark })],
])('MCP event store %s', (_where, make) => {
  it('replays only the events of the resumed stream after the last one seen, and only its own session’s', async () => {
    const stores = make();
    const session = stores(runId('s'));
    const priming = await session.storeEvent('post-1', {} as JSONRPCMessage);
    const first = await session.storeEvent('post-1', note(1));
    await session.storeEvent('_GET_stream', note(2));
    const third = await session.storeEvent('post-1', note(3));
    expect(await session.getStreamIdForEventId(first)).toBe('post-1');
    expect(await session.getStreamIdForEventId('nonsense')).toBeUndefined();

    const replayed: [string, JSONRPCMessage][] = [];
    const stream = await session.replayEventsAfter(priming, { send: async (id, m) => void replayed.push([id, m]) });
    expect(stream).toBe('post-1');
    expect(replayed).toEqual([
      [first, note(1)],
      [third, note(3)],
    ]);
    const other: JSONRPCMessage[] = [];
    await stores(runId('s')).replayEventsAfter(priming, { send: async (_id, m) => void other.push(m) });
    expect(other).toEqual([]);
  });

  it('remembers the mark of the newest marked message, past what the log keeps, and forgets it on clear', async () => {
    const session = make()(runId('s'));
    expect(await session.lastMark()).toBeUndefined();
    await session.storeEvent('_GET_stream', {} as JSONRPCMessage);
    await session.storeEvent('post-1', note(1));
    await session.storeEvent('_GET_stream', note(3));
    // More unmarked events than the log keeps (max 5): the mark stays.
    for (let n = 4; n < 40; n += 2) await session.storeEvent('post-2', note(n));
    expect(await session.lastMark()).toBe('3');
    await session.clear();
    expect(await session.lastMark()).toBeUndefined();
  });

  it('keeps about the last max events of a session, and forgets them on clear', async () => {
    const session = make()(runId('s'));
    const ids: string[] = [];
    for (let n = 0; n < 200; n++) ids.push(await session.storeEvent('_GET_stream', note(n)));
    const kept: JSONRPCMessage[] = [];
    await session.replayEventsAfter(ids[0]!, { send: async (_id, m) => void kept.push(m) });
    // Redis trims whole nodes of its stream (MAXLEN ~): about max, never all 200.
    expect(kept.length).toBeGreaterThanOrEqual(4);
    expect(kept.length).toBeLessThan(199);
    expect(kept.at(-1)).toEqual(note(199));
    await session.clear();
    const none: JSONRPCMessage[] = [];
    await session.replayEventsAfter(ids[0]!, { send: async (_id, m) => void none.push(m) });
    expect(none).toEqual([]);
  });
});

describe.each([
  ['in process', (): SessionStore => createMemorySessionStore({ ttlSeconds: 60, max: 10 })],
  ['in Redis', (): SessionStore => createRedisSessionStore(redis, { ttlSeconds: 60 })],
])('MCP session store %s', (_where, make) => {
  it('creates, reads, changes and deletes a session', async () => {
    const store = make();
    const id = runId('session');
    expect(await store.create(id, record)).toBe(true);
    expect(await store.touch(id)).toEqual(record);
    await store.update(id, { subscriptions: ['intelligence://latest'], logLevel: 'info' });
    expect(await store.touch(id)).toEqual({ ...record, subscriptions: ['intelligence://latest'], logLevel: 'info' });
    await store.delete(id);
    expect(await store.touch(id)).toBeUndefined();
    // A late change does not bring a deleted session back.
    await store.update(id, { position: 9 });
    expect(await store.touch(id)).toBeUndefined();
  });
});

describe('MCP session store in process', () => {
  it('expires idle sessions and holds at most max, making room from expired ones', async () => {
    let now = 0;
    const store = createMemorySessionStore({ ttlSeconds: 10, max: 2 }, () => now);
    expect(await store.create('a', record)).toBe(true);
    expect(await store.create('b', record)).toBe(true);
    expect(await store.create('c', record)).toBe(false);
    now = 5_000;
    await store.touch('a');
    now = 12_000;
    expect(await store.touch('b')).toBeUndefined();
    expect(await store.create('c', record)).toBe(true);
    expect(await store.touch('a')).toEqual(record);
  });
});
