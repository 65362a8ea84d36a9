import { describe, expect, it } from 'vitest';
import type { IngestInput } from '../../src/modules/intelligence/schemas.ts';
import { backends } from '../support/context.ts';
import { http } from '../support/gateway.ts';
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

  it('leaves out an item any excluded agent delivered, live and on resume, as the feed’s exclude_agent does', async () => {
    const exclusion = { exclude_agents: 'onchain-watch' };
    const before = await ingest().post({ title: 'before exclusions' });
    const everyAgent = await connect();
    const security = await connect();
    expect(await everyAgent.init({ filters: exclusion })).toMatchObject({
      subscription: { agents: [], filters: { exclude_agents: ['onchain-watch'] } },
    });
    await security.init({ agents: ['security-watch'], filters: exclusion });

    await ingest().post(story('security-watch', 'x1'));
    await ingest().post(story('onchain-watch', 'x2'));
    // The scam alert first, then security-watch joins: new to security-watch's follower, and left out.
    await ingest().post(story('onchain-watch', 'x3'));
    await ingest().post(story('security-watch', 'x3'));
    // security-watch first: sent live before onchain-watch joins, and not again at the join (see docs/stream.md).
    const sentBeforeTheJoin = await ingest().post(story('security-watch', 'x4'));
    await ingest().post(story('onchain-watch', 'x4'));
    await ingest().post(story('listing-hunter', 'x5'));
    const last = await ingest().post({ title: 'after exclusions', agent_id: 'onchain-watch' });
    for (const client of [everyAgent, security]) await ingest().waitPast(client, last.offset);
    const titles = (client: StreamClient) =>
      client.frames.filter((f) => f.type === 'message').map((f) => f.data.title as string);
    expect(titles(everyAgent)).toEqual(['x1', 'x4', 'x5']);
    expect(titles(security)).toEqual(['x1', 'x4']);
    expect(received(everyAgent, 'x4').map((f) => f.offset)).toEqual([sentBeforeTheJoin.offset]);

    // Resumed from before them all, the client gets what the feed lists: x4 has onchain-watch among its agents now.
    const resumed = await connect();
    await resumed.init({ filters: exclusion, since: before.offset });
    await ingest().waitPast(resumed, last.offset);
    const feed = await http(`${bed.server.url}/api/v1/intelligence/?exclude_agent=onchain-watch&size=100`);
    const feedTitles = feed.body.items.map((item: { title: string }) => item.title);
    expect(titles(resumed)).toEqual(['x1', 'x5']);
    expect(feedTitles.filter((title: string) => /^x\d$/.test(title)).sort()).toEqual(['x1', 'x5']);
  });
});
