import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeCodes } from '../../src/modules/stream/protocol.ts';
import type { StreamClient } from './streamClient.ts';
import { streamServerBed } from './streamBed.ts';
import { createManualClock } from '../support/manualClock.ts';

const SEND_BUFFER = 64 * 1024;
/** Enough to fill the kernel's socket buffers on both sides of a loopback connection several times over. */
const ITEMS = 240;
const CONTENT = 'x'.repeat(45_000);

describe('slow consumers', () => {
  const bed = streamServerBed(
    { backend: 'postgres', env: { STREAM_SEND_BUFFER_BYTES: String(SEND_BUFFER) } },
    createManualClock(),
  );

  const slowConsumerCloses = async () => {
    const metric = await bed.ctx.metrics.registry.getSingleMetric('stream_closes_total')!.get();
    return metric.values.find((v) => v.labels.reason === 'slow_consumer')?.value ?? 0;
  };

  it('closes a client that stops reading, while the others receive everything', async () => {
    const clients = [await bed.connect(), await bed.connect(), await bed.connect()];
    const [fast, alsoFast, stalled] = clients as [StreamClient, StreamClient, StreamClient];
    for (const client of clients) await client.init();
    const stalledSocket = (stalled.ws as unknown as { _socket: Socket })._socket;
    stalledSocket.pause();

    const offsets: number[] = [];
    for (let i = 0; i < ITEMS; i++) offsets.push((await bed.server.ingest({ content: CONTENT })).offset);

    for (const client of [fast, alsoFast])
      await expect.poll(() => client.offsets(), { timeout: 20_000, interval: 25 }).toEqual(offsets);
    expect(await slowConsumerCloses()).toBe(1);

    // Reading again, the stalled client finds what was buffered for it, then the close frame.
    stalledSocket.resume();
    expect(await stalled.closed).toEqual({ code: closeCodes.slowConsumer, reason: 'slow_consumer' });
    const received = stalled.offsets();
    expect(received.length).toBeLessThan(ITEMS);
    expect(received).toEqual(offsets.slice(0, received.length));
  });
});
