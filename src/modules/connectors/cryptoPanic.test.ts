import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCryptoPanic, type FakeCryptoPanic, type FakePanicPost } from '../../../test/fakes/cryptoPanic.ts';
import { testHttp } from '../../../test/agents/sourceHttp.ts';
import { createCryptoPanicConnector } from './cryptoPanic.ts';

const TOKEN = 'c0ffee';
const post = (id: number, minutes: number, title = `Solana DEX volume hits record ${id}`): FakePanicPost => ({
  id,
  title,
  published_at: new Date(Date.UTC(2026, 0, 2, 8, minutes)).toISOString().replace('.000', ''),
  source: { title: 'CoinTelegraph', domain: 'cointelegraph.com' },
  currencies: ['SOL'],
});

describe('CryptoPanic connector', () => {
  let panic: FakeCryptoPanic;
  beforeAll(async () => {
    panic = await startFakeCryptoPanic(TOKEN);
  });
  afterAll(() => panic.close());

  const connector = () =>
    createCryptoPanicConnector({
      id: 'radar:cryptopanic',
      intervalMs: 60_000,
      http: testHttp(),
      baseUrl: panic.baseUrl,
      token: () => TOKEN,
    });

  it('reads posts with their source and CryptoPanic link', async () => {
    panic.post(post(1, 0), post(2, 1, 'Ethereum ETF sees record <b>inflows</b>'));
    const { posts, cursor } = await connector().poll(null);
    expect(Object.fromEntries(panic.requests.at(-1)!.query)).toEqual({ auth_token: TOKEN, public: 'true' });
    expect(posts[0]).toEqual({
      source: {
        kind: 'news',
        name: 'CoinTelegraph',
        url: 'https://cryptopanic.com/news/2/Ethereum-ETF-sees-record-b-inflows-b',
      },
      external_id: 'cryptopanic:2',
      title: 'Ethereum ETF sees record inflows',
      text: 'Ethereum ETF sees record inflows',
      published_at: '2026-01-02T08:01:00Z',
    });
    expect(cursor).toEqual({ at: Date.UTC(2026, 0, 2, 8, 1), ids: ['2'] });
  });

  it('pages back through a backlog until it meets what it has seen', async () => {
    const panicky = connector();
    const { cursor } = await panicky.poll(null);
    panic.post(...Array.from({ length: 45 }, (_, i) => post(100 + i, 10 + i)));
    const { posts, cursor: after } = await panicky.poll(cursor);
    expect(posts).toHaveLength(45);
    expect(panic.requests.at(-1)!.query.get('page')).toBe('3');
    expect(after.ids).toEqual(['144']);
    expect((await panicky.poll(after)).posts).toEqual([]);
  });

  it('skips a malformed post with its reason', async () => {
    panic.postRaw({ id: 999, kind: 'news', title: '', published_at: '2026-01-03T00:00:00Z' });
    const { skipped } = await connector().poll(null);
    expect(skipped).toEqual([{ entry: '999', reason: expect.stringMatching(/^title: /) }]);
  });

  it('fails the poll on a rejected token', async () => {
    const wrong = createCryptoPanicConnector({
      id: 'x',
      intervalMs: 1,
      http: testHttp(),
      baseUrl: panic.baseUrl,
      token: () => 'nope',
    });
    await expect(wrong.poll(null)).rejects.toMatchObject({ status: 401 });
  });
});
