import { describe, expect, it } from 'vitest';
import { http } from '../support/gateway.ts';
import { connectStream, type StreamClient } from './streamClient.ts';
import { streamGatewayBed } from './streamBed.ts';

describe('stream subscriptions', () => {
  const bed = streamGatewayBed({ backend: 'postgres', env: { GLOBAL_LIMIT_TIMES: '100000', STREAM_MAX_AGENTS: '3' } });
  const { connect } = bed;
  const messages = (client: StreamClient) =>
    client.frames.filter((f) => f.type === 'message').map((f) => f.data.title as string);

  it('sends every item to a guest without agents, and only the chosen agents otherwise', async () => {
    const everything = await connect();
    const security = await connect();
    expect(await everything.init()).toMatchObject({
      type: 'ack',
      of: 'init',
      subscription: { agents: [], filters: {}, user: null },
    });
    expect(await security.init({ agents: ['security-watch'] })).toMatchObject({
      subscription: { agents: ['security-watch'] },
    });

    await bed.server.ingest.post({ title: 'a1', agent_id: 'security-watch' });
    await bed.server.ingest.post({ title: 'a2', agent_id: 'listing-hunter' });
    const last = await bed.server.ingest.post({ title: 'a3' }); // the generic ingest agent
    await everything.next((f) => f.offset === last.offset);
    expect(messages(everything)).toEqual(['a1', 'a2', 'a3']);
    expect(messages(security)).toEqual(['a1']);
    expect(everything.frames.at(-1)).toMatchObject({
      type: 'message',
      offset: last.offset,
      data: { id: last.id, agent_id: 'ingest', offset: last.offset },
    });
  });

  it('applies type, high-value and token filters exactly', async () => {
    const news = await connect();
    const valuable = await connect();
    const eth = await connect();
    await news.init({ filters: { types: ['news'] } });
    await valuable.init({ filters: { high_value: true } });
    await eth.init({ filters: { tokens: ['$eth', '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'] } });

    await bed.server.ingest.post({ title: 'f1', type: 'news', value: { score: 10 } });
    await bed.server.ingest.post({ title: 'f2', type: 'onchain', value: { score: 95 }, tokens: [{ symbol: 'ETH' }] });
    await bed.server.ingest.post({
      title: 'f3',
      type: 'twitter',
      tokens: [{ symbol: 'USDC', address: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48' }],
    });
    const last = await bed.server.ingest.post({ title: 'f4', type: 'news', value: { score: 80 } });
    for (const client of [news, valuable, eth]) await bed.server.ingest.waitPast(client, last.offset);
    expect(messages(news)).toEqual(['f1', 'f4']);
    expect(messages(valuable)).toEqual(['f2', 'f4']);
    expect(messages(eth)).toEqual(['f2', 'f3']);
  });

  it('applies sentiment, event, minimum value and token-name filters as the feed does', async () => {
    const bearishHacks = await connect();
    const valuable = await connect();
    const bitcoin = await connect();
    expect(await bearishHacks.init({ filters: { sentiments: ['bearish'], events: 'hack,delisting' } })).toMatchObject({
      subscription: { filters: { sentiments: ['bearish'], events: ['delisting', 'hack'] } },
    });
    await valuable.init({ filters: { min_value: 90 } });
    expect(await bitcoin.init({ filters: { tokens: 'bitcoin,usd-coin' } })).toMatchObject({
      subscription: { filters: { tokens: ['BTC', 'USDC'] } },
    });

    const bearish = { label: 'bearish' as const, score: -0.7 };
    await bed.server.ingest.post({ title: 'h1', sentiment: bearish, event: { type: 'hack' }, value: { score: 95 } });
    await bed.server.ingest.post({
      title: 'h2',
      sentiment: bearish,
      event: { type: 'listing' },
      tokens: [{ symbol: 'BTC' }],
    });
    await bed.server.ingest.post({
      title: 'h3',
      event: { type: 'hack' },
      value: { score: 89 },
      tokens: [{ symbol: 'USDC' }],
    });
    await bed.server.ingest.post({ title: 'h4', tokens: [{ symbol: 'BITCOIN' }], value: { score: 90 } });
    const last = await bed.server.ingest.post({ title: 'h5', sentiment: bearish, event: { type: 'delisting' } });
    for (const client of [bearishHacks, valuable, bitcoin]) await bed.server.ingest.waitPast(client, last.offset);
    expect(messages(bearishHacks)).toEqual(['h1', 'h5']);
    expect(messages(valuable)).toEqual(['h1', 'h4']);
    expect(messages(bitcoin)).toEqual(['h2', 'h3']);
  });

  it('follows and unfollows agents on a live connection', async () => {
    const client = await connect();
    await client.init({ agents: ['listing-hunter'] });
    let skip = client.frames.length;
    client.send({ type: 'follow_agent', agent_id: 'security-watch' });
    expect(await client.next((f) => f.type === 'ack', skip)).toMatchObject({
      of: 'follow_agent',
      subscription: { agents: ['listing-hunter', 'security-watch'] },
    });
    await bed.server.ingest.post({ title: 'g1', agent_id: 'security-watch' });
    skip = client.frames.length;
    client.send({ type: 'unfollow_agent', agent_id: 'listing-hunter' });
    await client.next((f) => f.type === 'ack', skip);
    await bed.server.ingest.post({ title: 'g2', agent_id: 'listing-hunter' });
    const last = await bed.server.ingest.post({ title: 'g3', agent_id: 'security-watch' });
    await bed.server.ingest.waitPast(client, last.offset);
    expect(messages(client)).toEqual(['g1', 'g3']);
  });

  it('keeps a signed-in user’s follows across connections, but not a guest’s', async () => {
    const token = await bed.ctx.auth.sign({ sub: 'trader-1', role: 'user' }, '1h');
    const first = await connect({ token });
    expect(await first.init()).toMatchObject({ subscription: { agents: [], user: 'trader-1' } });
    first.send({ type: 'follow_agent', agent_id: 'arbitrage-scanner' });
    first.send({ type: 'follow_agent', agent_id: 'token-mentions' });
    await first.next((f) => f.type === 'ack' && f.subscription.agents.length === 2);

    const again = await connect({ query: `?token=${token}` });
    expect(await again.init()).toMatchObject({
      subscription: { agents: ['arbitrage-scanner', 'token-mentions'], user: 'trader-1' },
    });
    const viaInit = await connect();
    expect(await viaInit.init({ token })).toMatchObject({
      subscription: { agents: ['arbitrage-scanner', 'token-mentions'] },
    });

    const guest = await connect();
    await guest.init();
    guest.send({ type: 'follow_agent', agent_id: 'arbitrage-scanner' });
    await guest.next((f) => f.type === 'ack' && f.of === 'follow_agent');
    const guestAgain = await connect();
    expect(await guestAgain.init()).toMatchObject({ subscription: { agents: [] } });

    const { body } = await http(`${bed.server.url}/api/v1/agents`);
    const followers = Object.fromEntries(
      body.agents.map((a: { id: string; followers: number }) => [a.id, a.followers]),
    );
    expect(followers).toMatchObject({ 'arbitrage-scanner': 1, 'token-mentions': 1, 'security-watch': 0, ingest: 0 });
    expect(body.agents[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      description: expect.any(String),
      sources: expect.any(Array),
      followers: expect.any(Number),
    });
  });

  it('refuses bad subscriptions with an error naming the field, and keeps the connection open', async () => {
    const client = await connect();
    const refusals: Array<[object, object]> = [
      [{ type: 'follow_agent', agent_id: 'security-watch' }, { code: 'not_initialised' }],
      [
        { type: 'init', agents: ['security-watch', 'nobody'] },
        { code: 'unknown_agent', field: 'agents.1' },
      ],
      [
        { type: 'init', agents: ['security-watch', 'listing-hunter', 'token-mentions', 'ingest'] },
        { code: 'too_many_agents', field: 'agents' },
      ],
      [
        { type: 'init', token: 'not-a-jwt' },
        { code: 'unauthorized', field: 'token' },
      ],
      [
        { type: 'init', filters: { types: ['memes'] } },
        { code: 'invalid_message', field: 'filters.types' },
      ],
      [
        { type: 'init', filters: { sentiment: 'bearish' } },
        { code: 'invalid_message', field: 'filters.sentiment' },
      ],
      [
        { type: 'init', filters: { exclude_agents: 'onchain-watch,Not An Id' } },
        { code: 'invalid_message', field: 'filters.exclude_agents' },
      ],
      [
        { type: 'init', filters: { exclude_agents: ['onchain-watch', 'nobody'] } },
        { code: 'unknown_agent', field: 'filters.exclude_agents', message: expect.stringContaining('nobody') },
      ],
    ];
    for (const [frame, error] of refusals) {
      const skip = client.frames.length;
      client.send(frame);
      expect(await client.next(() => true, skip)).toMatchObject({ type: 'error', ...error });
    }
    await client.init({ agents: ['security-watch'], filters: { exclude_agents: ['onchain-watch'] } });
    const refusedAfterInit: Array<[object, object]> = [
      [{ type: 'init' }, { code: 'already_initialised' }],
      [
        { type: 'follow_agent', agent_id: 'nobody' },
        { code: 'unknown_agent', field: 'agent_id' },
      ],
      [
        { type: 'follow_agent', agent_id: 'onchain-watch' },
        { code: 'agent_excluded', field: 'agent_id', message: expect.stringContaining('onchain-watch') },
      ],
    ];
    for (const [frame, error] of refusedAfterInit) {
      const skip = client.frames.length;
      client.send(frame);
      expect(await client.next(() => true, skip)).toMatchObject({ type: 'error', ...error });
    }
    const skip = client.frames.length;
    client.send({ type: 'ping' });
    expect(await client.next(() => true, skip)).toEqual({ type: 'heartbeat', ts: expect.any(String) });
  });

  it('rejects a bad token at upgrade with 401', async () => {
    await expect(connectStream(bed.server.url, { token: 'not-a-jwt' })).rejects.toThrow(/401/);
  });

  it('answers a plain GET (no Upgrade) with 426 saying it is a WebSocket endpoint, on both paths', async () => {
    for (const path of ['/ws/v1/intelligence/', '/ws/v1/intelligence']) {
      const answer = await http(`${bed.server.url}${path}`);
      expect(answer.status).toBe(426);
      expect(answer.headers.get('upgrade')).toBe('websocket');
      expect(answer.body).toEqual({
        error: { code: 'upgrade_required', message: expect.stringContaining('WebSocket') },
      });
    }
  });
});
