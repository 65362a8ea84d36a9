import { describe, expect, it } from 'vitest';
import { closeCodes } from '../../src/modules/stream/protocol.ts';
import type { StreamClient } from './streamClient.ts';
import { streamServerBed } from './streamBed.ts';
import { createManualClock } from '../support/manualClock.ts';

describe('stream heartbeats and limits (controlled clock)', () => {
  const clock = createManualClock();
  const bed = streamServerBed(
    {
      env: {
        STREAM_CONNECTS_PER_MINUTE: '20',
        STREAM_HEARTBEAT_TIMEOUT_SECONDS: '150',
        STREAM_INBOUND_FRAMES_PER_SECOND: '2',
        STREAM_MAX_BAD_FRAMES: '5',
        STREAM_MAX_FRAME_BYTES: '1024',
      },
    },
    clock,
  );
  const { connect } = bed;
  const ping = async (client: StreamClient) => {
    const skip = client.frames.length;
    client.send({ type: 'ping' });
    return client.next((f) => f.type === 'heartbeat', skip);
  };

  it('answers pings, keeps pinging clients and closes silent ones after the timeout', async () => {
    const silent = await connect();
    const pinger = await connect();
    await pinger.init();
    expect(await ping(pinger)).toEqual({ type: 'heartbeat', ts: new Date(clock.now()).toISOString() });
    for (let second = 60; second <= 420; second += 60) {
      clock.advance(60_000);
      await ping(pinger);
    }
    expect(await silent.closed).toEqual({ code: closeCodes.heartbeatTimeout, reason: 'heartbeat_timeout' });
    expect(pinger.ws.readyState).toBe(pinger.ws.OPEN);

    clock.advance(149_000);
    expect(pinger.ws.readyState).toBe(pinger.ws.OPEN);
    clock.advance(2_000);
    expect(await pinger.closed).toEqual({ code: closeCodes.heartbeatTimeout, reason: 'heartbeat_timeout' });
  });

  it('answers in the order it was asked: an init, a ping and a bad frame sent together', async () => {
    const client = await connect();
    client.send({ type: 'init' });
    client.send({ type: 'ping' });
    client.send({ type: 'subscribe' });
    await client.next((f) => f.type === 'error');
    expect(client.frames.map((f) => f.type)).toEqual(['ack', 'heartbeat', 'error']);
  });

  it('closes a client that floods, but not one that keeps to the rate', async () => {
    const steady = await connect();
    for (let i = 0; i < 30; i++) {
      await ping(steady);
      clock.advance(500);
    }
    const flooder = await connect();
    for (let i = 0; i < 30; i++) flooder.send({ type: 'ping' });
    expect(await flooder.closed).toEqual({ code: closeCodes.policyViolation, reason: 'flooding' });
    expect(flooder.frames.filter((f) => f.type === 'heartbeat')).toHaveLength(10);
    expect(steady.ws.readyState).toBe(steady.ws.OPEN);
  });

  it('answers each bad frame with an error and closes after a run of them', async () => {
    const client = await connect();
    for (let i = 0; i < 4; i++) client.send('not json');
    await ping(client); // a good frame ends the run
    clock.advance(5_000);
    for (let i = 0; i < 4; i++) client.send({ type: 'subscribe' });
    client.ws.send(Buffer.from([0xde, 0xad]));
    expect(await client.closed).toEqual({ code: closeCodes.policyViolation, reason: 'invalid_frames' });
    expect(client.frames.filter((f) => f.type === 'error').map((f) => f.code)).toEqual([
      ...Array(4).fill('invalid_json'),
      ...Array(4).fill('invalid_message'),
      'invalid_frame',
    ]);
  });

  it('closes a connection that sends a frame over the size limit with 1009', async () => {
    clock.advance(10_000);
    const client = await connect();
    client.send({ type: 'init', filters: { tokens: ['x'.repeat(2_000)] } });
    expect((await client.closed).code).toBe(closeCodes.tooBig);
  });

  it('refuses new connections from an address past its rate with 429, until the minute has passed', async () => {
    let refusal: Error | undefined;
    for (let i = 0; i < 21 && !refusal; i++) await connect().catch((err: Error) => (refusal = err));
    expect(refusal?.message).toMatch(/429/);
    clock.advance(60_000);
    expect(await (await connect()).init()).toMatchObject({ type: 'ack' });
  });
});
