import { describe, expect, it } from 'vitest';
import { parseClientMessage, serverFrames } from './protocol.ts';

const parse = (text: string) => parseClientMessage(Buffer.from(text), false);

describe('stream protocol', () => {
  it('accepts the four client messages', () => {
    expect(
      parse(
        '{"type":"init","agents":["security-watch"],"filters":{"types":["news"],"high_value":true,"tokens":["BTC"]},"since":42}',
      ),
    ).toEqual({
      message: {
        type: 'init',
        agents: ['security-watch'],
        filters: { types: ['news'], high_value: true, tokens: ['BTC'] },
        since: 42,
      },
    });
    expect(parse('{"type":"init","batch":true}')).toEqual({ message: { type: 'init', batch: true } });
    expect(parse('{"type":"ping"}')).toEqual({ message: { type: 'ping' } });
    expect(parse('{"type":"follow_agent","agent_id":"listing-hunter"}')).toEqual({
      message: { type: 'follow_agent', agent_id: 'listing-hunter' },
    });
    expect(parse('{"type":"unfollow_agent","agent_id":"listing-hunter"}')).toEqual({
      message: { type: 'unfollow_agent', agent_id: 'listing-hunter' },
    });
  });

  it('takes the feed’s filters as arrays or comma-separated strings, sorted and without repeats', () => {
    expect(
      parse(
        '{"type":"init","filters":{"types":"news,onchain","tokens":["bitcoin","ETH,bitcoin"],"exclude_agents":"onchain-watch,ingest,onchain-watch","sentiments":"bearish","events":["hack","listing"],"min_value":80}}',
      ),
    ).toEqual({
      message: {
        type: 'init',
        filters: {
          types: ['news', 'onchain'],
          tokens: ['ETH', 'bitcoin'],
          exclude_agents: ['ingest', 'onchain-watch'],
          sentiments: ['bearish'],
          events: ['hack', 'listing'],
          min_value: 80,
        },
      },
    });
  });

  it('names the problem and the field of a bad frame', () => {
    expect(parseClientMessage(Buffer.from([1, 2]), true)).toEqual({
      error: { code: 'invalid_frame', message: expect.any(String) },
    });
    expect(parse('{"type":')).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
    expect(parse('[1]')).toEqual({
      error: { code: 'invalid_message', message: 'a frame must be a JSON object with a type' },
    });
    expect(parse('{"type":"subscribe"}')).toMatchObject({ error: { code: 'invalid_message', field: 'type' } });
    expect(parse('{"type":"init","since":-1}')).toMatchObject({ error: { field: 'since' } });
    expect(parse('{"type":"init","batch":"yes"}')).toMatchObject({
      error: { code: 'invalid_message', field: 'batch' },
    });
    expect(parse('{"type":"init","filters":{"types":["memes"]}}')).toEqual({
      error: {
        code: 'invalid_message',
        field: 'filters.types',
        message: 'filters.types: "memes" is not allowed: one or more of twitter, news, exchange, onchain',
      },
    });
    expect(parse('{"type":"init","filters":{"sentiment":"bearish"}}')).toEqual({
      error: {
        code: 'invalid_message',
        field: 'filters.sentiment',
        message:
          'filters.sentiment: unknown filter; accepted: types, high_value, tokens, exclude_agents, sentiments, events, min_value',
      },
    });
    expect(parse('{"type":"init","filters":{"events":["rugpull"]}}')).toMatchObject({
      error: { field: 'filters.events', message: expect.stringContaining('listing, delisting, hack') },
    });
    expect(parse('{"type":"init","filters":{"min_value":101}}')).toMatchObject({
      error: { field: 'filters.min_value' },
    });
    expect(parse('{"type":"init","filters":{"exclude_agents":"onchain-watch,Not An Id"}}')).toEqual({
      error: {
        code: 'invalid_message',
        field: 'filters.exclude_agents',
        message: 'filters.exclude_agents: "Not An Id": must be an agent id (see GET /api/v1/agents)',
      },
    });
    expect(parse('{"type":"init","filters":{"exclude_agents":[]}}')).toMatchObject({
      error: { field: 'filters.exclude_agents', message: expect.stringContaining('between 1 and 20') },
    });
    expect(parse('{"type":"follow_agent","agent_id":"Not An Id"}')).toMatchObject({ error: { field: 'agent_id' } });
  });

  it('says what a list filter expects when it is not a list, not what a frame type is', () => {
    for (const [filters, field] of [
      ['{"exclude_agents":123}', 'exclude_agents'],
      ['{"tokens":123}', 'tokens'],
      ['{"exclude_agents":[1]}', 'exclude_agents'],
      ['{"types":{"a":1}}', 'types'],
    ]) {
      expect(parse(`{"type":"init","filters":${filters}}`)).toEqual({
        error: {
          code: 'invalid_message',
          field: `filters.${field}`,
          message: `filters.${field}: must be a list: an array of strings or a comma-separated string`,
        },
      });
    }
    expect(parse('{"ping":true}')).toMatchObject({
      error: { field: 'type', message: 'type: must be init, ping, follow_agent or unfollow_agent' },
    });
  });

  it('refuses what the HTTP input guard refuses: prototype keys, NUL characters', () => {
    expect(parse('{"type":"ping","__proto__":{"admin":true}}')).toEqual({
      error: {
        code: 'invalid_message',
        message: '__proto__: "__proto__" is not allowed as a key here',
        field: '__proto__',
      },
    });
    expect(parse('{"type":"init","filters":{"__proto__":{}}}')).toMatchObject({
      error: { code: 'invalid_message', field: 'filters.__proto__' },
    });
    expect(parse('{"type":"init","filters":{"tokens":"BTC\\u0000"}}')).toMatchObject({
      error: { code: 'invalid_message', field: 'filters.tokens' },
    });
  });

  it('frames an item once as a message with its offset', () => {
    const frame = serverFrames.message({ offset: 7, id: 'x' } as never);
    expect(JSON.parse(frame.toString())).toEqual({ type: 'message', offset: 7, data: { offset: 7, id: 'x' } });
    expect(JSON.parse(serverFrames.heartbeat(0))).toEqual({ type: 'heartbeat', ts: '1970-01-01T00:00:00.000Z' });
  });

  it('says in the ack of init where delivery starts and whether batches are on, and only there', () => {
    expect(JSON.parse(serverFrames.ack('init', { agents: [] }, { offset: 5, batch: false }))).toEqual({
      type: 'ack',
      of: 'init',
      subscription: { agents: [] },
      offset: 5,
      batch: false,
    });
    expect(JSON.parse(serverFrames.ack('follow_agent', { agents: ['x'] }))).toEqual({
      type: 'ack',
      of: 'follow_agent',
      subscription: { agents: ['x'] },
    });
  });
});
