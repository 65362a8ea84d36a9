import { describe, expect, it } from 'vitest';
import type { Bus } from '../../src/core/bus/bus.ts';
import { createMemoryBus } from '../../src/core/bus/memoryBus.ts';
import type { IngestInput } from '../../src/modules/intelligence/schemas.ts';
import { backends } from '../support/context.ts';
import { streamGatewayBed } from './streamBed.ts';
import type { StreamClient } from './streamClient.ts';

/** The in-process bus, losing the announcements of items whose titles are in `lost` (a broker outage, as a node sees it). */
function lossyBus(bus: Bus, lost: ReadonlySet<string>): Bus {
  const kept = (payload: unknown) => !lost.has((payload as { title?: string }).title ?? '');
  return {
    ...bus,
    publish: (routingKey, payload) => (kept(payload) ? bus.publish(routingKey, payload) : Promise.resolve()),
    publishMany: (messages) => bus.publishMany(messages.filter(({ payload }) => kept(payload))),
  };
}

/**
 * An item moves to a new offset when another agent joins it. When the bus lost its first announcement and the
 * node reads the hole from the store only after the move, it finds the item at its new offset alone: followers
 * must get it there, once, although its first agent joined it at an offset below what they have had since.
 */
describe.each(backends)('stream items whose announcements the bus lost, on %s', (backend) => {
  const lost = new Set<string>();
  const bed = streamGatewayBed({
    backend,
    env: { GLOBAL_LIMIT_TIMES: '100000' },
    bus: async (_config, logger) => lossyBus(createMemoryBus(logger), lost),
  });
  const ingest = () => bed.server.ingest;
  const story = (agent: string): Partial<IngestInput> => ({
    external_id: 'moved-story',
    title: 'A story two agents deliver',
    content: 'the same post, delivered by two agents',
    source: { name: 'Wire', url: 'https://wire.example/posts/moved-story' },
    agent_id: agent,
  });
  const offsetsOf = (client: StreamClient, title: string) =>
    client.frames.filter((f) => f.type === 'message' && f.data.title === title).map((f) => f.offset);

  it('delivers a joined item the node never heard at its first offset to every follower, once', async () => {
    const everyone = await bed.connect();
    const firstAgent = await bed.connect();
    const joiningAgent = await bed.connect();
    await everyone.init();
    await firstAgent.init({ agents: ['token-mentions'] });
    await joiningAgent.init({ agents: ['news-sentiment-radar'] });
    // An announcement heard just now: the node's quiet-bus poll does not read the store in the next second.
    await ingest().post({ title: 'heard' });

    lost.add('A story two agents deliver').add('stored while the bus was away');
    const first = await ingest().post(story('token-mentions'));
    const between = await ingest().post({ title: 'stored while the bus was away', agent_id: 'token-mentions' });
    lost.clear();
    const joined = await ingest().post(story('news-sentiment-radar'));
    expect(joined).toMatchObject({ id: first.id, agent_offsets: [first.offset, joined.offset] });
    expect(between.offset).toBeGreaterThan(first.offset);

    // Hearing the join, the node reads the hole below it: `between`, then the story at its new offset.
    for (const client of [everyone, firstAgent, joiningAgent])
      await expect
        .poll(() => offsetsOf(client, story('').title!), { timeout: 20_000, interval: 25 })
        .toEqual([joined.offset]);
    // Once a later item has reached a client following every agent, the node has dispatched everything before it.
    const last = await ingest().post({ title: 'after' });
    await expect.poll(() => everyone.offsets().at(-1), { timeout: 20_000, interval: 25 }).toBe(last.offset);
    for (const client of [everyone, firstAgent, joiningAgent]) {
      await ingest().waitPast(client, last.offset);
      expect(offsetsOf(client, story('').title!)).toEqual([joined.offset]);
    }
    expect(offsetsOf(everyone, 'stored while the bus was away')).toEqual([between.offset]);
    expect(offsetsOf(firstAgent, 'stored while the bus was away')).toEqual([between.offset]);
  });
});
