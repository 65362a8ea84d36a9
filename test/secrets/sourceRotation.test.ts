import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { feedQuerySchema, type FeedPage } from '../../src/modules/intelligence/schemas.ts';
import { createPlatform, type AlphaNest } from '../../src/platform.ts';
import { tempFile } from '../agents/agentNode.ts';
import { startFakeCryptoPanic, type FakeCryptoPanic } from '../fakes/cryptoPanic.ts';
import type { SourceRequest } from '../fakes/localServer.ts';
import { startFakeX, type FakeX } from '../fakes/xApi.ts';
import { createTestContext } from '../support/context.ts';

/**
 * A running agents node and a rotation of the store's `x` and `cryptopanic`: the connectors, polling
 * fakes that check the key they receive, send the new version from the store's next refresh on,
 * without the agents starting again.
 */
const AGENT = 'news-sentiment-radar';
const until = (check: () => unknown) => vi.waitFor(check, { timeout: 30_000, interval: 50 });
const sentBearer = (token: string) => (request: SourceRequest) => request.headers.authorization === `Bearer ${token}`;
const sentAuthToken = (token: string) => (request: SourceRequest) => request.query.get('auth_token') === token;

describe('rotated source credentials on a running agents node (embedded store, PostgreSQL)', () => {
  let x: FakeX;
  let panic: FakeCryptoPanic;
  let ctx: AppContext;
  let platform: AlphaNest;
  let stopAgents: () => Promise<void>;

  beforeAll(async () => {
    [x, panic] = await Promise.all([startFakeX('x-token-1'), startFakeCryptoPanic('cp-token-1')]);
    const pipelines = {
      agents: {
        [AGENT]: {
          sources: [
            { type: 'x', query: 'bitcoin -is:retweet', interval_seconds: 1, rate_per_minute: 600 },
            { type: 'cryptopanic', interval_seconds: 1, rate_per_minute: 600 },
          ],
        },
      },
    };
    ctx = await createTestContext({
      backend: 'postgres',
      env: {
        AGENT_SOURCES: 'live',
        AGENTS_CONFIG_FILE: tempFile('agents.json', JSON.stringify(pipelines)),
        X_API_BASE_URL: x.url,
        CRYPTOPANIC_BASE_URL: panic.baseUrl,
        SECRETS_REFRESH_SECONDS: '1',
      },
    });
    platform = await createPlatform(ctx);
    await platform.secrets.backend.kv.put('x', { bearer_token: 'x-token-1' });
    await platform.secrets.backend.kv.put('cryptopanic', { token: 'cp-token-1' });
    await platform.secrets.refresh();
    stopAgents = await platform.agents.start();
  });
  afterAll(async () => {
    await stopAgents?.();
    await ctx?.close();
    await Promise.all([x?.close(), panic?.close()]);
  });

  it('sends the new version from the next refresh on, and reads with it once the old one is revoked', async () => {
    await until(() => {
      expect(x.requests.some(sentBearer('x-token-1'))).toBe(true);
      expect(panic.requests.some(sentAuthToken('cp-token-1'))).toBe(true);
    });

    // The upstreams accept both while the store moves on (as a provider does while a key is rolled over).
    x.tokens.add('x-token-2');
    panic.tokens.add('cp-token-2');
    await platform.secrets.backend.kv.put('x', { bearer_token: 'x-token-2' });
    await platform.secrets.backend.kv.put('cryptopanic', { token: 'cp-token-2' });
    await until(() => {
      expect(x.requests.some(sentBearer('x-token-2'))).toBe(true);
      expect(panic.requests.some(sentAuthToken('cp-token-2'))).toBe(true);
    });

    // Once a connector has sent the new key it never goes back to the old one.
    const afterFirstNew = <T>(requests: T[], isNew: (r: T) => boolean) => requests.slice(requests.findIndex(isNew));
    x.tokens.delete('x-token-1');
    panic.tokens.delete('cp-token-1');
    const now = new Date().toISOString();
    x.post({
      id: '1890000000000000001',
      text: 'Bitcoin rallies to a record high as ETF inflows surge',
      created_at: now,
      author: { id: '42', username: 'WuBlockchain', name: 'Wu Blockchain' },
    });
    panic.post({
      id: 9101,
      title: 'Bitcoin ETF inflows hit a record, bulls cheer',
      published_at: now.replace(/\.\d{3}/, ''),
      source: { title: 'Reuters', domain: 'reuters.com' },
    });
    await until(async () => {
      const page = JSON.parse(
        await platform.intelligence.service.feedPage(feedQuerySchema.parse({ agent: AGENT, size: '10' })),
      ) as FeedPage;
      expect(page.items.map((item) => item.title).sort()).toEqual([
        'Bitcoin ETF inflows hit a record, bulls cheer',
        'Bitcoin rallies to a record high as ETF inflows surge',
      ]);
    });
    expect(afterFirstNew(x.requests, sentBearer('x-token-2')).filter(sentBearer('x-token-1'))).toEqual([]);
    expect(afterFirstNew(panic.requests, sentAuthToken('cp-token-2')).filter(sentAuthToken('cp-token-1'))).toEqual([]);
  });
});
