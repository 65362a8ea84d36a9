import { describe, expect, it } from 'vitest';
import type { IngestInput } from '../../src/modules/intelligence/schemas.ts';
import { backends } from '../support/context.ts';
import { streamGatewayBed } from './streamBed.ts';
import type { StreamClient } from './streamClient.ts';

/**
 * One item per story, tagged with every agent that delivered it: a client receives it once, when the
 * first agent it follows delivers it, live or on resume.
 */
describe.each(backends)('stream of items with several agents on %s', (backend) => {
  const bed = streamGatewayBed({ backend, env: { GLOBAL_LIMIT_TIMES: '100000' } });
  const { connect } = bed;
  const ingest = () => bed.server.ingest;
  const received = (client: StreamClient, title: string) =>
    client.frames.filter((f) => f.type === 'message' && f.data.title === title);
  const story = (agent: string, title: string): Partial<IngestInput> => ({
    external_id: `story-${title}`,
    title,
    content: 'the same post, delivered by several agents',
    source: { name: 'Wire', url: `https://wire.example/posts/${title}` },
    agent_id: agent,
  });

  it('sends an item once to each follower of any of its agents, and again only to those a joining agent brings', async () => {
    const tokenMentions = await connect();
    const radar = await connect();
    const both = await connect();
    const everyone = await connect();
    await tokenMentions.init({ agents: ['token-mentions'] });
    await radar.init({ agents: ['news-sentiment-radar'] });
    await both.init({ agents: ['token-mentions', 'news-sentiment-radar'] });
    await everyone.init();

    const first = await ingest().post(story('token-mentions', 'p1'));
    const joined = await ingest().post(story('news-sentiment-radar', 'p1'));
    expect(joined.id).toBe(first.id);
    expect(joined.offset).toBeGreaterThan(first.offset);
    expect(joined).toMatchObject({
      agents: ['token-mentions', 'news-sentiment-radar'],
      agent_offsets: [first.offset, joined.offset],
    });
    const last = await ingest().post({ title: 'after' });
    for (const client of [tokenMentions, radar, both, everyone]) await ingest().waitPast(client, last.offset);

    expect(received(tokenMentions, 'p1').map((f) => f.offset)).toEqual([first.offset]);
    expect(received(both, 'p1').map((f) => f.offset)).toEqual([first.offset]);
    expect(received(everyone, 'p1').map((f) => f.offset)).toEqual([first.offset]);
    expect(received(radar, 'p1')).toEqual([
      expect.objectContaining({
        offset: joined.offset,
        data: expect.objectContaining({ id: first.id, agents: joined.agents }),
      }),
    ]);
  });

  it('sends a post two agents deliver at the same moment once to every follower', async () => {
    const both = await connect();
    const radar = await connect();
    await both.init({ agents: ['token-mentions', 'news-sentiment-radar'] });
    await radar.init({ agents: ['news-sentiment-radar'] });
    const delivered = await Promise.all(
      ['token-mentions', 'news-sentiment-radar'].flatMap((agent) =>
        ['p2', 'p3', 'p4'].map((title) => ingest().post(story(agent, title))),
      ),
    );
    const last = await ingest().post({ title: 'after 2' });
    for (const client of [both, radar]) await ingest().waitPast(client, last.offset);
    for (const title of ['p2', 'p3', 'p4']) {
      expect(new Set(delivered.filter((item) => item.title === title).map((item) => item.id)).size).toBe(1);
      expect(received(both, title)).toHaveLength(1);
      expect(received(radar, title)).toHaveLength(1);
    }
  });

  it('resumes with an item an agent joined while the client was away only if it had not had it', async () => {
    const before = await ingest().post({ title: 'before p5' });
    const first = await ingest().post(story('token-mentions', 'p5'));
    const between = await ingest().post({ title: 'between' });
    const joined = await ingest().post(story('news-sentiment-radar', 'p5'));
    const last = await ingest().post({ title: 'after p5' });

    const resume = async (agents: string[], since: number) => {
      const client = await connect();
      await client.init({ agents, since });
      await client.next((f) => f.offset === last.offset);
      return client;
    };
    // Away since before the story: it arrives once, where it is now, whichever of its agents are followed.
    for (const agents of [['token-mentions', 'ingest'], ['news-sentiment-radar', 'ingest'], []]) {
      expect(received(await resume(agents, before.offset), 'p5').map((f) => f.offset)).toEqual([joined.offset]);
    }
    // Away since after token-mentions delivered it: its followers had it; the radar's did not.
    expect(received(await resume(['token-mentions', 'ingest'], between.offset), 'p5')).toEqual([]);
    expect(received(await resume([], between.offset), 'p5')).toEqual([]);
    expect(received(await resume(['news-sentiment-radar', 'ingest'], between.offset), 'p5')).toHaveLength(1);
    expect(first.id).toBe(joined.id);
  });
});
