import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../../test/fakes/binanceCms.ts';
import { testHttp } from '../../../test/agents/sourceHttp.ts';
import { createBinanceConnector } from './binanceAnnouncements.ts';

const at = (minutes: number) => Date.UTC(2026, 0, 5, 10, minutes);

describe('Binance announcements connector', () => {
  let binance: FakeBinance;
  beforeAll(async () => {
    binance = await startFakeBinance();
  });
  afterAll(() => binance.close());

  const connector = () =>
    createBinanceConnector({
      id: 'listing-hunter:binance',
      intervalMs: 60_000,
      http: testHttp(),
      baseUrl: binance.url,
      catalogs: ['listing', 'delisting'],
    });

  it('reads new listings and delistings from both catalogues', async () => {
    binance.publish(48, {
      id: 240001,
      code: 'b9fbcf46da3a4d7f8f2d1bf1bd874665',
      title: 'Binance Will List Jupiter (JUP) with Seed Tag Applied',
      releaseDate: at(0),
    });
    binance.publish(161, {
      id: 240002,
      code: '0337a0095c5b47f09a4882b6af624bdd',
      title: 'Binance Will Delist BETA, FTT on 2026-01-20',
      releaseDate: at(1),
    });
    const { posts, cursor } = await connector().poll(null);
    expect(binance.requests.map((r) => r.query.get('catalogId'))).toEqual(['48', '161']);
    expect(posts).toEqual([
      {
        source: {
          kind: 'exchange',
          name: 'Binance Announcements',
          url: 'https://www.binance.com/en/support/announcement/b9fbcf46da3a4d7f8f2d1bf1bd874665',
        },
        external_id: 'binance:240001',
        title: 'Binance Will List Jupiter (JUP) with Seed Tag Applied',
        text: 'Binance Will List Jupiter (JUP) with Seed Tag Applied',
        published_at: new Date(at(0)).toISOString(),
      },
      expect.objectContaining({ external_id: 'binance:240002' }),
    ]);
    expect(cursor).toEqual({ 48: { at: at(0), ids: ['240001'] }, 161: { at: at(1), ids: ['240002'] } });
  });

  it('takes only announcements released since the cursor, and skips a malformed one', async () => {
    const hunter = connector();
    const { cursor } = await hunter.poll(null);
    binance.publish(
      48,
      {
        id: 240003,
        code: 'f9e1123ffc12458795716a0e027ff07a',
        title: 'Binance Will List Pyth (PYTH)',
        releaseDate: at(5),
      },
      { id: 240004, title: 'no code', releaseDate: at(6) },
    );
    const { posts, skipped } = await hunter.poll(cursor);
    expect(posts.map((p) => p.external_id)).toEqual(['binance:240003']);
    expect(skipped).toEqual([{ entry: '240004', reason: expect.stringMatching(/^code: /) }]);
  });

  it('fails the poll when the envelope is not Binance success', async () => {
    binance.failNext({
      status: 200,
      body: JSON.stringify({ code: '100001005', message: 'system busy', success: false }),
      headers: { 'content-type': 'application/json' },
    });
    await expect(connector().poll(null)).rejects.toThrow(/unexpected shape/);
  });
});
