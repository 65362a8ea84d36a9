import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { buildGateway } from '../../src/gateway.ts';
import { createChatRepository } from '../../src/modules/chat/repository.ts';
import { type AlphaNest, platformModules } from '../../src/platform.ts';
import { startFakeOpenAiServer, textReply, toolCallsReply, type FakeOpenAiServer } from '../fakes/openaiServer.ts';
import { testDomain } from '../chat/testDomain.ts';
import { createTestContext } from '../support/context.ts';
import { http } from '../support/gateway.ts';
import { withToolDomains } from '../support/modules.ts';
import { services } from '../support/services.ts';

const run = promisify(execFile);

/**
 * Transit encryption at rest of the chat's storage, on PostgreSQL with the embedded backend: what a
 * pg_dump of the platform's schema holds, reads through the API, and `secrets rewrap` (resealStored)
 * walking the stored rows while chat traffic goes on.
 */
describe('chat storage encrypted at rest (PostgreSQL, embedded transit)', () => {
  let fake: FakeOpenAiServer;
  let ctx: AppContext;
  let platform: AlphaNest;
  let url: string;
  let closeApp: () => Promise<void>;
  const unique = `plain-${randomUUID()}`;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    ctx = await createTestContext({
      backend: 'postgres',
      env: {
        LLM_PROVIDER: 'openai',
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_API_KEY: 'test-key',
        LLM_MODEL: 'fake-model',
        CHAT_RATE_PER_MINUTE: '10000',
        CHAT_CONCURRENCY: '50',
      },
    });
    platform = await withToolDomains(platformModules, [testDomain().domain]).create(ctx);
    const app = await buildGateway(platform);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    closeApp = () => app.close();
  });
  afterAll(async () => {
    await closeApp?.();
    await ctx?.close();
    await fake?.close();
  });

  const send = async (sub: string, json: Record<string, unknown>) =>
    http(`${url}/api/chat/message`, { method: 'POST', token: await ctx.auth.sign({ sub, role: 'user' }, '1h'), json });
  const get = async (sub: string, path: string) =>
    http(`${url}/api/chat${path}`, { token: await ctx.auth.sign({ sub, role: 'user' }, '1h') });

  /** The platform's schema as pg_dump writes it: every row of every table, as text. */
  async function dump(): Promise<string> {
    const { stdout } = await run('pg_dump', ['--schema', ctx.db.schema!, '--data-only', services.postgresUrl], {
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  }

  async function storedValues(): Promise<string[]> {
    const client = new pg.Client({ connectionString: services.postgresUrl });
    await client.connect();
    try {
      const s = ctx.db.schema;
      const { rows } = await client.query(
        `SELECT title AS value FROM "${s}".chat_conversations
         UNION ALL SELECT content FROM "${s}".chat_messages
         UNION ALL SELECT c->>'arguments' FROM "${s}".chat_messages, jsonb_array_elements(tool_calls) c WHERE c ? 'arguments'
         UNION ALL SELECT c->>'result' FROM "${s}".chat_messages, jsonb_array_elements(tool_calls) c WHERE c ? 'result'`,
      );
      return rows.map((row) => row.value as string);
    } finally {
      await client.end();
    }
  }

  it('stores the title, both messages and the tool call as ciphertext, and answers them as plaintext', async () => {
    fake.enqueue(
      toolCallsReply({ name: 'testkit__echo', arguments: JSON.stringify({ text: `${unique}-tool` }) }),
      textReply(`the answer ${unique}-reply`),
    );
    const { status, body } = await send('ann', { message: `what about ${unique}-question?` });
    expect(status).toBe(200);
    const { body: read } = await get('ann', `/conversation/${body.conversation_id}`);
    expect(read.title).toContain(unique.slice(0, 20));
    expect(read.messages.map((m: { content: string }) => m.content)).toEqual([
      `what about ${unique}-question?`,
      `the answer ${unique}-reply`,
    ]);
    expect(read.messages[1].tool_calls).toMatchObject([
      { name: 'testkit__echo', arguments: { text: `${unique}-tool` }, is_error: false },
    ]);
    expect(JSON.stringify(read.messages[1].tool_calls[0].result)).toContain(`${unique}-tool`);
    const { body: listed } = await get('ann', '/conversations');
    expect(listed.items[0].title).toBe(read.title);

    const dumped = await dump();
    expect(dumped).toContain('vault:v1:');
    expect(dumped).not.toContain(unique);
    expect((await storedValues()).every((value) => value.startsWith('vault:v1:'))).toBe(true);
  });

  it('rewraps every stored value to the newest key version while chat traffic goes on, rows from before included', async () => {
    // A conversation written before encryption at rest: plaintext in the table, read as it is.
    const legacy = await createChatRepository(ctx.db, ctx.metrics).appendExchange('bob', {
      title: `old ${unique}-legacy`,
      user: { content: `old ${unique}-legacy question` },
      assistant: {
        content: 'old answer',
        toolCalls: [{ name: 'x', arguments: { a: 1 }, result: { b: 2 }, is_error: false, duration_ms: 1 }],
      },
    });
    expect((await get('bob', `/conversation/${legacy!.conversationId}`)).body.messages[0].content).toBe(
      `old ${unique}-legacy question`,
    );
    fake.setDefault(textReply('busy'));
    for (let i = 0; i < 20; i++) expect((await send(`user${i % 4}`, { message: `before ${i}` })).status).toBe(200);

    const { transit } = platform.secrets.backend;
    expect(await transit.rotate(platform.secrets.transitKey)).toEqual({ latestVersion: 2 });

    let walking = true;
    const statuses: number[] = [];
    const traffic = (async () => {
      for (let i = 0; walking || i < 10; i++) {
        statuses.push((await send(`user${i % 4}`, { message: `during ${i}` })).status);
        statuses.push((await get(`user${i % 4}`, '/conversations')).status);
      }
    })();
    const summary = await platform.secrets.resealStored().finally(() => (walking = false));
    await traffic;
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(summary.map((s) => s.store)).toEqual(['chat_conversations', 'chat_messages']);
    expect(summary.every((s) => s.rewritten > 0)).toBe(true);

    const values = await storedValues();
    expect(values.filter((value) => !value.startsWith('vault:v2:'))).toEqual([]);
    expect(await dump()).not.toContain(unique);
    const { body } = await get('bob', `/conversation/${legacy!.conversationId}`);
    expect(body.title).toBe(`old ${unique}-legacy`);
    expect(body.messages[1]).toMatchObject({
      content: 'old answer',
      tool_calls: [{ name: 'x', arguments: { a: 1 }, result: { b: 2 } }],
    });
    // A second walk finds nothing left to do.
    expect((await platform.secrets.resealStored()).map((s) => s.rewritten)).toEqual([0, 0]);
  });
});
