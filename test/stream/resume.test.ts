import { describe, expect, it } from 'vitest';
import { streamGatewayBed } from './streamBed.ts';
import type { StreamClient } from './streamClient.ts';
import { ingestSchema } from '../../src/modules/intelligence/schemas.ts';
import { toRow } from '../../src/modules/intelligence/mapping.ts';
import { createIntelligenceRepository } from '../../src/modules/intelligence/repository.ts';

const WINDOW = 40;

describe('stream resume', () => {
  const bed = streamGatewayBed({
    backend: 'postgres',
    env: { GLOBAL_LIMIT_TIMES: '100000', STREAM_RESUME_WINDOW: String(WINDOW) },
  });
  const { connect } = bed;
  /** Stores an item without announcing it on the bus, as if the publish had been lost. */
  const storeSilently = async (title: string) => {
    const { row } = await createIntelligenceRepository(
      bed.server.platform.ctx.db,
      bed.server.platform.ctx.metrics,
    ).insert(toRow(ingestSchema.parse({ type: 'news', title, content: title, source: { name: 'silent' } })));
    return row.streamOffset;
  };

  it('replays exactly the matching items missed while away, in order, then goes live', async () => {
    const first = await connect();
    await first.init({ filters: { types: ['news', 'onchain'] } });
    const seen = await bed.server.ingest.post({ type: 'news' });
    await first.next((f) => f.offset === seen.offset);
    await first.close();

    const missed = [];
    for (let i = 0; i < 12; i++) {
      const item = await bed.server.ingest.post({ type: (['news', 'twitter', 'onchain'] as const)[i % 3] });
      if (item.type !== 'twitter') missed.push(item.offset);
    }
    const back = await connect();
    expect(await back.init({ filters: { types: ['news', 'onchain'] }, since: seen.offset })).toMatchObject({
      type: 'ack',
      offset: seen.offset,
    });
    const live = await bed.server.ingest.post({ type: 'onchain' });
    await back.next((f) => f.offset === live.offset);
    await bed.server.ingest.settle(back);
    expect(back.offsets()).toEqual([...missed, live.offset]);
  });

  it('switches from replay to live without a gap or a duplicate while items keep arriving', async () => {
    const start = (await bed.server.ingest.post()).offset;
    const posted: number[] = [];
    const posting = (async () => {
      for (let i = 0; i < 30; i++) posted.push((await bed.server.ingest.post()).offset);
    })();
    const resumed: StreamClient[] = [];
    while (posted.length < 25) {
      const client = await connect();
      await client.init({ since: start });
      resumed.push(client);
    }
    await posting;
    for (const client of resumed) {
      await client.next((f) => f.offset === posted.at(-1));
      await bed.server.ingest.settle(client);
      expect(client.offsets()).toEqual(posted);
    }
  });

  it('delivers items whose bus message was lost, in offset order', async () => {
    const client = await connect();
    await client.init();
    const silent = await storeSilently('stored without a bus message');
    const announced = await bed.server.ingest.post();
    await client.next((f) => f.offset === announced.offset);
    expect(client.offsets().slice(-2)).toEqual([silent, announced.offset]);
    const lastSilent = await storeSilently('the newest item, never announced');
    await client.next((f) => f.offset === lastSilent);
  });

  it('acks where delivery starts and sends reset past the retention window or ahead of the store, then live items', async () => {
    const latest = (await bed.server.ingest.post()).offset;
    const tooOld = await connect();
    expect(await tooOld.init({ since: latest - WINDOW - 1 })).toMatchObject({ type: 'ack', offset: latest });
    expect(await tooOld.next((f) => f.type === 'reset')).toEqual({ type: 'reset', offset: latest });
    const ahead = await connect();
    expect(await ahead.init({ since: latest + 1_000 })).toMatchObject({ type: 'ack', offset: latest });
    expect(await ahead.next((f) => f.type === 'reset')).toEqual({ type: 'reset', offset: latest });
    const next = await bed.server.ingest.post();
    for (const client of [tooOld, ahead]) {
      await client.next((f) => f.offset === next.offset);
      expect(client.offsets()).toEqual([next.offset]);
    }
  });
});
